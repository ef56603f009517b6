package com.bakeryia.launcher.ctl;

import java.io.FilterWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code ctl} prints, made safe for the operator's terminal: a tenant name, an error text or an
 * audit entry comes from the platform and so from anyone who named a bakery or caused an error, and
 * a control character in it (an escape sequence that moves the cursor, retitles the window or hides
 * text, a carriage return that overwrites the line, a right-to-left override) must reach the terminal
 * as visible text ({@code \x1b}, {@code \u202e}), never as a command. Line feeds and tabs stay, and so
 * do the colour codes ctl itself writes around status words.
 */
final class PrintableText {

    /** The colour codes {@link Output#status} writes, kept as they are (a colour changes nothing else). */
    private static final Pattern OWN_COLOUR = Pattern.compile("\u001B\\[(0|3[1-6])m");

    private PrintableText() {
    }

    /** The text with every control character but line feed and tab escaped, ctl's colour codes kept. */
    static String of(CharSequence text) {
        return escape(text, false);
    }

    /** The same, with line feeds and tabs escaped too: for one value that must stay on its line. */
    static String inline(CharSequence text) {
        return escape(text, true);
    }

    /**
     * A JSON document with the characters JSON leaves unescaped but a terminal acts on (DEL, the C1
     * controls, bidirectional overrides) written as {@code \\uXXXX}: they can only stand in strings,
     * where that escape means the same character, so the document still parses to the same values.
     */
    static String json(String document) {
        StringBuilder escaped = null;
        for (int i = 0; i < document.length(); i++) {
            char c = document.charAt(i);
            if (c == 0x7f || (c >= 0x80 && c <= 0x9f) || bidirectional(c)) {
                if (escaped == null) {
                    escaped = new StringBuilder(document.length() + 16).append(document, 0, i);
                }
                escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else if (escaped != null) {
                escaped.append(c);
            }
        }
        return escaped == null ? document : escaped.toString();
    }

    private static String escape(CharSequence text, boolean inline) {
        if (text == null) {
            return null;
        }
        StringBuilder escaped = new StringBuilder(text.length());
        var colour = OWN_COLOUR.matcher(text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0x1b && colour.find(i) && colour.start() == i) {
                escaped.append(text, i, colour.end());
                i = colour.end() - 1;
            } else if ((c == '\n' || c == '\t') && !inline) {
                escaped.append(c);
            } else if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\t') {
                escaped.append("\\t");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                escaped.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else if (bidirectional(c)) {
                escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** The embeddings, overrides and isolates that reorder what a terminal shows (U+202A-202E, U+2066-2069). */
    private static boolean bidirectional(char c) {
        return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /** A writer that passes everything through {@link #of}: what a command writes directly is escaped too. */
    static Writer writer(Writer terminal) {
        return new FilterWriter(terminal) {
            @Override
            public void write(int c) throws java.io.IOException {
                out.write(of(String.valueOf((char) c)));
            }

            @Override
            public void write(char[] chars, int offset, int length) throws java.io.IOException {
                out.write(of(new String(chars, offset, length)));
            }

            @Override
            public void write(String text, int offset, int length) throws java.io.IOException {
                out.write(of(text.substring(offset, offset + length)));
            }
        };
    }
}
