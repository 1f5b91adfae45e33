package com.example.shop.testsupport;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Keeps the dev run's component scan to what production scans: no class compiled from the test sources
 * (test configurations, probe controllers, event recorders) is picked up by scanning. What the dev run
 * adds comes in only through {@code DevConfiguration}'s imports, which no scan filter touches.
 * <p>
 * The tests do not need it: Spring's test support already skips test configurations, and the tests
 * want their recorders scanned.
 */
public final class TestSourcesExcludeFilter extends TypeExcludeFilter {

    private final Path testClasses;

    public TestSourcesExcludeFilter() {
        try {
            this.testClasses = Path.of(TestSourcesExcludeFilter.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the compiled test sources", e);
        }
    }

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
        return reader.getResource().isFile() && reader.getResource().getFile().toPath().startsWith(testClasses);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TestSourcesExcludeFilter filter && filter.testClasses.equals(testClasses);
    }

    @Override
    public int hashCode() {
        return testClasses.hashCode();
    }
}
