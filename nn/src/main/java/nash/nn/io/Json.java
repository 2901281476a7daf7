package nash.nn.io;

import java.util.HashSet;
import java.util.Set;

/**
 * The little JSON a safetensors header needs, read strictly (RFC 8259) and written as the Rust
 * {@code serde_json} writer behind Python's {@code safetensors} writes it.
 *
 * <p>Reading is a cursor over the decoded header, driven by the header's schema: the caller asks
 * for an object, a string, an integer, and the cursor either delivers it or throws a
 * {@link SafetensorsException} naming the character position and what it found instead. Nothing
 * is skipped generically, so there is no recursion for a hostile file to deepen, and no value
 * is built that the schema does not want.
 */
final class Json {

    /** The six kinds of JSON value, named for error messages. */
    enum Kind {
        OBJECT("an object"), ARRAY("an array"), STRING("a string"), NUMBER("a number"), BOOLEAN("a boolean"), NULL("null");
        final String article;
        Kind(String article) { this.article = article; }
    }

    /** Called for each member of an object, with the cursor on the member's value. */
    interface MemberReader {
        void read(String key) throws SafetensorsException;
    }

    private final String s;
    private int i;

    Json(String text) { this.s = text; }

    // ------------------------------------------------------------------ reading

    /** An error at the cursor: "invalid JSON in header at character 17: expected ':'". */
    SafetensorsException syntaxError(String what) {
        return new SafetensorsException("invalid JSON in header at character " + i + ": " + what);
    }

    /** Skips JSON whitespace (space, tab, line feed, carriage return). */
    void skipWhitespace() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
            i++;
        }
    }

    /** The kind of the value at the cursor (after whitespace), without consuming it. */
    Kind peek() throws SafetensorsException {
        skipWhitespace();
        if (i >= s.length()) throw syntaxError("unexpected end of header, expected a value");
        char c = s.charAt(i);
        switch (c) {
            case '{': return Kind.OBJECT;
            case '[': return Kind.ARRAY;
            case '"': return Kind.STRING;
            case 't': case 'f': return literal(c == 't' ? "true" : "false", Kind.BOOLEAN);
            case 'n': return literal("null", Kind.NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return Kind.NUMBER;
                throw syntaxError("unexpected " + describe(c) + ", expected a value");
        }
    }

    private Kind literal(String word, Kind kind) throws SafetensorsException {
        if (!s.startsWith(word, i)) throw syntaxError("unexpected " + describe(s.charAt(i)) + ", expected a value");
        return kind;
    }

    /** Whether the character at the cursor is {@code c} (no whitespace skipped). */
    boolean peekIs(char c) { return i < s.length() && s.charAt(i) == c; }

    /** Consumes {@code c} (after whitespace) or fails. */
    void expect(char c) throws SafetensorsException {
        skipWhitespace();
        if (i >= s.length()) throw syntaxError("unexpected end of header, expected '" + c + "'");
        if (s.charAt(i) != c) throw syntaxError("expected '" + c + "' but found " + describe(s.charAt(i)));
        i++;
    }

    /** Fails unless only whitespace is left: the padding writers add, never other bytes. */
    void expectEnd() throws SafetensorsException {
        skipWhitespace();
        if (i < s.length()) throw syntaxError("unexpected " + describe(s.charAt(i)) + " after the header's closing '}'");
    }

    /**
     * Reads an object, handing each member to {@code member} in file order. Rejects duplicate
     * keys (naming {@code where}) and trailing commas.
     */
    void object(String where, MemberReader member) throws SafetensorsException {
        expect('{');
        skipWhitespace();
        if (i < s.length() && s.charAt(i) == '}') {
            i++;
            return;
        }
        Set<String> seen = new HashSet<>();
        while (true) {
            skipWhitespace();
            if (i < s.length() && s.charAt(i) == '}') throw syntaxError("trailing comma before '}'");
            if (i < s.length() && s.charAt(i) != '"') throw syntaxError("expected a string key but found " + describe(s.charAt(i)));
            String key = string();
            if (!seen.add(key)) throw new SafetensorsException("duplicate key " + quoteForMessage(key) + " in " + where);
            expect(':');
            member.read(key);
            skipWhitespace();
            if (i >= s.length()) throw syntaxError("unexpected end of header inside " + where);
            char c = s.charAt(i++);
            if (c == '}') return;
            if (c != ',') {
                i--;
                throw syntaxError("expected ',' or '}' but found " + describe(c));
            }
        }
    }

    /** Reads a string: escapes decoded, raw control characters and lone surrogates rejected. */
    String string() throws SafetensorsException {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (i >= s.length()) throw syntaxError("unterminated string");
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                return out.toString();
            }
            if (c < 0x20) throw syntaxError("raw control character " + describe(c) + " in a string (it must be escaped)");
            if (c != '\\') {
                out.append(c);   // the text came from strict UTF-8, so surrogates here are paired
                i++;
                continue;
            }
            if (++i >= s.length()) throw syntaxError("unterminated escape");
            char e = s.charAt(i++);
            switch (e) {
                case '"': case '\\': case '/': out.append(e); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u': {
                    char u = hex4();
                    if (Character.isHighSurrogate(u)) {   // must be followed by an escaped low surrogate
                        if (!s.startsWith("\\u", i)) throw syntaxError("lone surrogate \\u" + hex(u) + " in a string");
                        i += 2;
                        char low = hex4();
                        if (!Character.isLowSurrogate(low)) throw syntaxError("lone surrogate \\u" + hex(u) + " in a string");
                        out.append(u).append(low);
                    } else if (Character.isLowSurrogate(u)) {
                        throw syntaxError("lone surrogate \\u" + hex(u) + " in a string");
                    } else {
                        out.append(u);
                    }
                    break;
                }
                default:
                    i--;
                    throw syntaxError("invalid escape '\\" + e + "' in a string");
            }
        }
    }

    private char hex4() throws SafetensorsException {
        if (i + 4 > s.length()) throw syntaxError("truncated \\u escape");
        int v = 0;
        for (int k = 0; k < 4; k++) {
            char c = s.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) throw syntaxError("invalid hex digit " + describe(c) + " in a \\u escape");
            v = v * 16 + d;
            i++;
        }
        return (char) v;
    }

    /**
     * Reads a number and returns its text, checked against the JSON grammar
     * {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}.
     */
    String number() throws SafetensorsException {
        skipWhitespace();
        int start = i;
        if (i < s.length() && s.charAt(i) == '-') i++;
        if (i < s.length() && s.charAt(i) == '0') {
            i++;
            if (i < s.length() && isDigit(s.charAt(i))) throw syntaxError("number with a leading zero");
        } else if (!digits()) {
            throw syntaxError("invalid number");
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            if (!digits()) throw syntaxError("invalid number: no digits after '.'");
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            if (!digits()) throw syntaxError("invalid number: no digits in the exponent");
        }
        return s.substring(start, i);
    }

    private boolean digits() {
        int start = i;
        while (i < s.length() && isDigit(s.charAt(i))) i++;
        return i > start;
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private static String hex(char c) { return String.format("%04x", (int) c); }

    /** A character for an error message: printable ones quoted, others as U+XXXX. */
    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : "U+" + hex(c).toUpperCase();
    }

    /** A string for an error message: quoted as JSON, cut at 80 characters. */
    static String quoteForMessage(String v) {
        StringBuilder sb = new StringBuilder();
        quote(sb, v.length() > 80 ? v.substring(0, 80) + "…" : v);
        return sb.toString();
    }

    // ------------------------------------------------------------------ writing

    /**
     * Appends {@code v} as a JSON string the way serde_json does: {@code "} and {@code \}
     * escaped, the control characters below U+0020 as {@code \b \f \n \r \t} or <code>&#92;u00xx</code>
     * (lowercase hex), everything else (DEL, non-ASCII, '/') as itself.
     */
    static void quote(StringBuilder sb, String v) {
        sb.append('"');
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) sb.append("\\u").append(hex(c));
                    else sb.append(c);
            }
        }
        sb.append('"');
    }
}
