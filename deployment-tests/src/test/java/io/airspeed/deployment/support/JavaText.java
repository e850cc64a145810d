package io.airspeed.deployment.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of Java's lexical structure to read annotations from source text: comments,
 * string and char literals, text blocks, and the braces and parentheses between them.
 */
final class JavaText {

    private JavaText() {
    }

    /** The text with comments replaced by spaces; literals are kept as they are. */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            int literalEnd = literalEnd(source, i);
            if (literalEnd > i) {
                out.append(source, i, literalEnd);
                i = literalEnd;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                end = end < 0 ? source.length() : end;
                out.append(" ".repeat(end - i));
                i = end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                out.append(source.substring(i, end).replaceAll("[^\n]", " "));
                i = end;
            } else {
                out.append(source.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    /** If a string/char literal or text block starts at {@code i}, the index after it; else {@code i}. */
    static int literalEnd(String s, int i) {
        if (s.startsWith("\"\"\"", i)) {
            int end = s.indexOf("\"\"\"", i + 3);
            return end < 0 ? s.length() : end + 3;
        }
        char c = s.charAt(i);
        if (c != '"' && c != '\'') {
            return i;
        }
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != c) {
            j += s.charAt(j) == '\\' ? 2 : 1;
        }
        return Math.min(j + 1, s.length());
    }

    /**
     * A type's header (annotations and declaration before its body's '{') and the member headers
     * inside its body: the text of each member up to its own body '{' or terminating ';'.
     * A '{' inside parentheses (an annotation's array value) is not a body.
     */
    record TypeOutline(String header, String body, List<String> memberHeaders) {
    }

    /** The outline of the first top-level type in a comment-free compilation unit, or null. */
    static TypeOutline outline(String code) {
        int open = nextBlockBrace(code, 0);
        if (open < 0) {
            return null;
        }
        int close = matchingBrace(code, open);
        String body = code.substring(open + 1, close);
        return new TypeOutline(code.substring(0, open), body, memberHeaders(body));
    }

    /** Member headers at depth 0 of a type body. */
    static List<String> memberHeaders(String body) {
        List<String> headers = new ArrayList<>();
        int start = 0;
        int parens = 0;
        int i = 0;
        while (i < body.length()) {
            int literalEnd = literalEnd(body, i);
            if (literalEnd > i) {
                i = literalEnd;
                continue;
            }
            char c = body.charAt(i);
            if (c == '(') {
                parens++;
            } else if (c == ')') {
                parens--;
            } else if (parens == 0 && c == ';') {
                headers.add(body.substring(start, i + 1));
                start = i + 1;
            } else if (parens == 0 && c == '{') {
                headers.add(body.substring(start, i));
                i = matchingBrace(body, i);
                start = i + 1;
            }
            i++;
        }
        return headers;
    }

    /** The nested type bodies of a type body, by simple name ("interface Name {...}", also class/record/enum). */
    static java.util.Map<String, String> nestedTypes(String body) {
        java.util.Map<String, String> nested = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\\b(?:interface|class|record|enum)\\s+(\\w+)")
                .matcher(body);
        int from = 0;
        while (m.find(from)) {
            int open = nextBlockBrace(body, m.end());
            if (open < 0) {
                break;
            }
            int close = matchingBrace(body, open);
            if (depthAt(body, m.start()) == 0) {
                nested.put(m.group(1), body.substring(open + 1, close));
            }
            from = close + 1;
        }
        return nested;
    }

    private static int depthAt(String body, int index) {
        int depth = 0;
        int i = 0;
        while (i < index) {
            int literalEnd = literalEnd(body, i);
            if (literalEnd > i) {
                i = literalEnd;
                continue;
            }
            char c = body.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            i++;
        }
        return depth;
    }

    private static int nextBlockBrace(String s, int from) {
        int parens = 0;
        int i = from;
        while (i < s.length()) {
            int literalEnd = literalEnd(s, i);
            if (literalEnd > i) {
                i = literalEnd;
                continue;
            }
            char c = s.charAt(i);
            if (c == '(') {
                parens++;
            } else if (c == ')') {
                parens--;
            } else if (c == '{' && parens == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static int matchingBrace(String s, int open) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            int literalEnd = literalEnd(s, i);
            if (literalEnd > i) {
                i = literalEnd;
                continue;
            }
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("Unbalanced braces");
    }
}
