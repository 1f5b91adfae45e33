package com.example.shop.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A customer's search text turned into a safe InnoDB FULLTEXT boolean-mode query: every word is
 * required and matches as a prefix ({@code +word*}). Operators typed by the customer are dropped, as
 * are words the index does not hold (shorter than InnoDB's minimum token size of 3, or on its default
 * stop-word list) — they would otherwise make every search containing them come back empty.
 * A search made only of such words falls back to a name prefix match ({@code tv} → names starting
 * with "tv"), which the (active, name) index serves as a range; it has no relevance score, so it is
 * sorted by name (see {@link ListingQuery}).
 */
public record SearchTerms(List<String> words, String namePrefix) {

    static final int MIN_WORD = 3;
    static final int MAX_WORDS = 8;
    private static final Set<String> STOPWORDS = Set.of("a", "about", "an", "are", "as", "at", "be", "by", "com",
            "de", "en", "for", "from", "how", "i", "in", "is", "it", "la", "of", "on", "or", "that", "the", "this",
            "to", "was", "what", "when", "where", "who", "will", "with", "und", "www");

    public SearchTerms {
        words = List.copyOf(words);
    }

    static SearchTerms parse(String text) {
        if (text == null || text.isBlank()) {
            return new SearchTerms(List.of(), null);
        }
        String normalised = text.toLowerCase(Locale.ROOT);
        Set<String> words = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        for (String token : normalised.split("[^\\p{L}\\p{N}]+")) {
            if (token.isEmpty()) {
                continue;
            }
            all.add(token);
            if (token.length() >= MIN_WORD && !STOPWORDS.contains(token) && words.size() < MAX_WORDS) {
                words.add(token);
            }
        }
        if (words.isEmpty() && !all.isEmpty()) {
            return new SearchTerms(List.of(), String.join(" ", all));
        }
        return new SearchTerms(new ArrayList<>(words), null);
    }

    boolean isEmpty() {
        return words.isEmpty() && namePrefix == null;
    }

    boolean usesFullText() {
        return !words.isEmpty();
    }

    /** The AGAINST(... IN BOOLEAN MODE) argument, e.g. {@code +wool* +sock*}. */
    String booleanQuery() {
        return String.join(" ", words.stream().map(word -> "+" + word + "*").toList());
    }

    /** A LIKE pattern for the fallback; the words hold only letters, digits and spaces, so nothing to escape. */
    String likePattern() {
        return namePrefix + "%";
    }
}
