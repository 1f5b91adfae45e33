package com.example.shop.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No dead link inside the repository: in every Markdown file, every relative link (to a file, or to an
 * {@code #anchor} of a Markdown file) resolves, as it would on GitHub. Links with a scheme
 * ({@code https:}, {@code mailto:}) are not followed, so the build needs no network.
 * <p>
 * commonmark-java parses the Markdown (links inside code are not links) and its heading-anchor extension
 * makes the heading ids the way GitHub does: the heading's text in lower case, spaces turned into
 * {@code -}, everything but letters, digits, {@code -} and {@code _} dropped, and {@code -1}, {@code -2}
 * appended to repeated ones. Ids and names written as HTML count too.
 */
class MarkdownLinkTests {

    static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void everyRelativeLinkAndAnchorInTheRepositoryResolves() {
        List<Path> files = markdownFiles(ROOT);
        assertThat(files).as("Markdown files of the repository")
                .contains(ROOT.resolve("README.md"), ROOT.resolve("docs/operations.md"), ROOT.resolve("bench/README.md"));

        assertThat(deadLinks(ROOT, files)).as("dead links (file:line: link: why)").isEmpty();
    }

    @Test
    void theReadmeLinksEveryDocsPage() {
        Set<String> linked = new LinkedHashSet<>();
        for (Link link : links(ROOT.resolve("README.md")).keySet()) {
            linked.add(link.getDestination().replaceFirst("#.*", ""));
        }
        List<String> pages = markdownFiles(ROOT.resolve("docs")).stream()
                .map(page -> ROOT.relativize(page).toString().replace('\\', '/'))
                .toList();

        assertThat(pages).as("docs pages").isNotEmpty();
        assertThat(linked).as("pages linked from README.md").containsAll(pages);
    }

    @Test
    void anchorsAreTheOnesGitHubMakes() {
        String markdown = """
                # Shop API
                ## Stripe test mode and the offline stand-in
                ### What the webhook guarantees, and why
                ## Why Spring Modulith's own staleness monitor is off
                ## The `.http` files
                ## Café & crème
                ## Settings
                ## Settings
                <a name="by-hand"></a>
                """;

        assertThat(anchors(markdown)).containsExactlyInAnyOrder("shop-api", "stripe-test-mode-and-the-offline-stand-in",
                "what-the-webhook-guarantees-and-why", "why-spring-moduliths-own-staleness-monitor-is-off",
                "the-http-files", "café--crème", "settings", "settings-1", "by-hand");
    }

    @Test
    void reportsAMissingFileADeadAnchorAndALinkOutOfTheRepository(@TempDir Path repository) throws IOException {
        Files.createDirectories(repository.resolve("docs"));
        Files.writeString(repository.resolve("docs/guide.md"), """
                # Guide
                ## Two words
                Back to the [front](../README.md#the-front) and [down](#two-words).
                """);
        Files.writeString(repository.resolve("README.md"), """
                # The front
                [ok](docs/guide.md#two-words), [dir](docs/), [web](https://example.com/missing),
                [root](/docs/guide.md), [self](#the-front), `[code](nowhere.md)`,

                [gone](docs/missing.md)
                [no such heading](docs/guide.md#three-words)
                [no such heading here](#the-back)
                [outside](../elsewhere.md)
                <a href="docs/old.md">old</a>

                    [indented code](nowhere.md)
                """);
        Files.createDirectories(repository.resolve("target"));
        Files.writeString(repository.resolve("target/built.md"), "[not checked](nowhere.md)\n");

        List<Path> files = markdownFiles(repository);
        assertThat(files).containsExactlyInAnyOrder(repository.resolve("README.md"), repository.resolve("docs/guide.md"));
        assertThat(deadLinks(repository, files)).containsExactly(
                "README.md:5: docs/missing.md: no such file",
                "README.md:6: docs/guide.md#three-words: no heading or anchor 'three-words' in docs/guide.md",
                "README.md:7: #the-back: no heading or anchor 'the-back' in README.md",
                "README.md:8: ../elsewhere.md: outside the repository",
                "README.md:9: docs/old.md: no such file");
    }

    // ---------------------------------------------------------------------------------------------------

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:|^//");
    private static final Pattern HREF = Pattern.compile("\\bhref\\s*=\\s*[\"']([^\"']*)[\"']", Pattern.CASE_INSENSITIVE);
    private static final Pattern ID = Pattern.compile("\\b(?:id|name)\\s*=\\s*[\"']([^\"']*)[\"']", Pattern.CASE_INSENSITIVE);
    private static final Pattern LINE_ANCHOR = Pattern.compile("L\\d+(-L\\d+)?");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules");

    /** Every {@code *.md} under {@code root}, leaving out build output, installed packages and git's own files. */
    static List<Path> markdownFiles(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return SKIPPED_DIRECTORIES.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && isMarkdown(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    /** "file:line: link: why" for every link in {@code files} that does not resolve inside {@code root}. */
    static List<String> deadLinks(Path root, List<Path> files) {
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> dead = new ArrayList<>();
        for (Path file : files) {
            for (Map.Entry<Link, Integer> entry : links(file).entrySet()) {
                String destination = entry.getKey().getDestination();
                String why = check(root, file, destination, anchors);
                if (why != null) {
                    dead.add(name(root, file) + ":" + entry.getValue() + ": " + destination + ": " + why);
                }
            }
        }
        return dead;
    }

    /** Why {@code destination}, linked from {@code file}, is dead; null when it resolves or is not ours to check. */
    private static String check(Path root, Path file, String destination, Map<Path, Set<String>> anchors) {
        if (SCHEME.matcher(destination).find()) {
            return null;
        }
        if (destination.isBlank()) {
            return "empty link";
        }
        int hash = destination.indexOf('#');
        String path = decode((hash < 0 ? destination : destination.substring(0, hash)).replaceFirst("\\?.*", ""));
        String fragment = hash < 0 ? null : decode(destination.substring(hash + 1));

        Path target = path.isEmpty() ? file
                : (path.startsWith("/") ? root.resolve(path.substring(1)) : file.getParent().resolve(path)).normalize();
        if (!target.startsWith(root)) {
            return "outside the repository";
        }
        if (!Files.exists(target)) {
            return "no such file";
        }
        if (fragment == null || fragment.isEmpty()) {
            return null;
        }
        Path page = Files.isDirectory(target) ? target.resolve("README.md") : target;
        if (!isMarkdown(page)) {
            return LINE_ANCHOR.matcher(fragment).matches() ? null : "an anchor into a file that is not Markdown";
        }
        if (!Files.exists(page)) {
            return "no README.md in " + name(root, target) + " for the anchor";
        }
        if (!anchors.computeIfAbsent(page, MarkdownLinkTests::anchors).contains(fragment)) {
            return "no heading or anchor '" + fragment + "' in " + name(root, page);
        }
        return null;
    }

    /** The links and images of a Markdown file (HTML {@code href}s included), each with its line number. */
    static Map<Link, Integer> links(Path file) {
        Node document = Parser.builder().extensions(EXTENSIONS)
                .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build().parse(read(file));
        Map<Link, Integer> links = new LinkedHashMap<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                links.put(link, line(link));
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                links.put(new Link(image.getDestination(), null), line(image));
                visitChildren(image);
            }

            @Override
            public void visit(HtmlInline html) {
                hrefs(html.getLiteral(), line(html));
            }

            @Override
            public void visit(HtmlBlock html) {
                hrefs(html.getLiteral(), line(html));
            }

            private void hrefs(String html, int firstLine) {
                Matcher href = HREF.matcher(html);
                while (href.find()) {
                    int line = firstLine + (int) html.substring(0, href.start()).chars().filter(c -> c == '\n').count();
                    links.put(new Link(href.group(1), null), line);
                }
            }
        });
        return links;
    }

    private static Set<String> anchors(Path file) {
        return anchors(read(file));
    }

    /** The anchors GitHub gives a Markdown text: its heading ids, and ids or names written as HTML. */
    static Set<String> anchors(String markdown) {
        Node document = Parser.builder().extensions(EXTENSIONS).build().parse(markdown);
        String html = HtmlRenderer.builder().extensions(List.of(HeadingAnchorExtension.create())).build()
                .render(document);
        Set<String> anchors = new LinkedHashSet<>();
        Matcher id = ID.matcher(html);
        while (id.find()) {
            anchors.add(id.group(1));
        }
        return anchors;
    }

    private static int line(Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        return spans.isEmpty() ? 0 : spans.get(0).getLineIndex() + 1;
    }

    private static boolean isMarkdown(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".md") || name.endsWith(".markdown");
    }

    /** Percent-escapes decoded; a {@code +} in a path is a plus, not a space. */
    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String name(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
