package com.example.shop.catalog.internal;

import java.util.regex.Pattern;

/** The one slug format: lower-case letters and digits in words joined by single hyphens. */
public final class Slugs {

    public static final String PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
    private static final Pattern FORMAT = Pattern.compile(PATTERN);

    private Slugs() {
    }

    static String require(String slug) {
        if (slug == null || slug.length() > 120 || !FORMAT.matcher(slug).matches()) {
            throw new InvalidField("slug", "invalid slug '" + slug + "': lower-case words joined by '-'");
        }
        return slug;
    }
}
