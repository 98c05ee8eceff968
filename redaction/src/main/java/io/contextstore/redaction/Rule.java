package io.contextstore.redaction;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detector's rules, in order of precedence: where two rules match overlapping text, the earlier one
 * names the finding. {@link #id()} is stable: it is what {@code [REDACTED:<id>]}, {@code ctx status} and
 * the server's 400 say, so renaming one is a contract change (ADR 31).
 *
 * <p>A rule's secret is its pattern's last capturing group that took part in the match, or the whole
 * match when it has none: {@code password=} stays readable, only the value is replaced. A rule's pattern
 * is only tried where one of its keywords occurs (in any case), starting at most {@link #before()} characters
 * before it ({@link Keywords}), which keeps a scan of ordinary text close to the cost of reading it.
 */
public enum Rule {

    /** What the user marked {@code <private>…</private>}; an unclosed mark runs to the end of the text. */
    PRIVATE_SPAN("private", Confidence.HIGH, List.of("<private>"), 0,
            "(?i)<private>[\\s\\S]*?(?:</private>|\\z)"),

    /** The {@code private_key} of a Google Cloud service-account JSON file (its newlines escaped as {@code \n}). */
    GCP_SERVICE_ACCOUNT("gcp-service-account-key", Confidence.HIGH, List.of("private_key"), 1,
            "\"private_key\"\\s*:\\s*\"(-----BEGIN[A-Z ]*PRIVATE KEY-----[^\"]{64,}?)\""),

    /** A PEM private key block, also when the text was cut before its END line. */
    PRIVATE_KEY_BLOCK("private-key-block", Confidence.HIGH, List.of("private key"), 32,
            "-----BEGIN[A-Z0-9 ]{0,20} PRIVATE KEY(?: BLOCK)?-----(?:[\\s\\S]{0,16384}?-----END[A-Z0-9 ]{0,20} PRIVATE KEY(?: BLOCK)?-----"
                    + "|(?:[\\s\"]|\\\\[nr]){0,8}(?:[A-Za-z0-9+/=:,-]{2,}(?:[ \\t\"]|\\\\[nr]|\\r?\\n){0,6}){4,})"),

    /** This system's own license keys, confirmed by their checksum ({@link LicenseKeyChecksum}). */
    CONTEXTSTORE_LICENSE_KEY("contextstore-license-key", Confidence.HIGH, List.of("ctxs_"), 0,
            "(?<![0-9A-Za-z_])ctxs_[0-9A-Za-z]{46}(?![0-9A-Za-z])"),

    AWS_ACCESS_KEY_ID("aws-access-key-id", Confidence.HIGH, List.of("akia", "asia"), 0,
            "(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Za-z0-9])"),

    /** The 40-character secret that goes with an access key id, when it is named as such. */
    AWS_SECRET_ACCESS_KEY("aws-secret-access-key", Confidence.HIGH, List.of("secret"), 4,
            "(?i)aws_?secret(?:_?access)?_?key[\"']?\\s{0,3}(?:=|:|=>)\\s{0,3}[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"),

    /** Azure storage account keys and shared access keys, alone or inside a connection string. */
    AZURE_STORAGE_KEY("azure-storage-key", Confidence.HIGH, List.of("accountkey", "sharedaccesskey"), 0,
            "(?i)(?:AccountKey|SharedAccessKey)\\s{0,3}=\\s{0,3}([A-Za-z0-9+/]{40,100}={0,2})"),

    GITHUB_TOKEN("github-token", Confidence.HIGH, List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"), 0,
            "(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])"),

    GITLAB_TOKEN("gitlab-token", Confidence.HIGH, List.of("glpat-"), 0,
            "(?<![A-Za-z0-9_])glpat-[A-Za-z0-9_.-]{20,80}(?![A-Za-z0-9_-])"),

    SLACK_WEBHOOK("slack-webhook", Confidence.HIGH, List.of("hooks.slack.com"), 8,
            "https://hooks\\.slack\\.com/services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}(?![A-Za-z0-9])"),

    SLACK_TOKEN("slack-token", Confidence.HIGH, List.of("xoxa-", "xoxb-", "xoxp-", "xoxr-"), 0,
            "(?<![A-Za-z0-9])xox[abpr]-[0-9]{8,14}-[A-Za-z0-9-]{10,120}(?![A-Za-z0-9-])"),

    /** Live secret and restricted keys; test-mode and publishable keys are not secrets worth refusing. */
    STRIPE_KEY("stripe-key", Confidence.HIGH, List.of("sk_live_", "rk_live_"), 0,
            "(?<![A-Za-z0-9_])[sr]k_live_[0-9A-Za-z]{20,247}(?![0-9A-Za-z])"),

    NPM_TOKEN("npm-token", Confidence.HIGH, List.of("npm_"), 0,
            "(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])"),

    PYPI_TOKEN("pypi-token", Confidence.HIGH, List.of("pypi-age"), 0,
            "(?<![A-Za-z0-9_])pypi-AgE[A-Za-z0-9_-]{50,}"),

    /** Three base64url parts whose first decodes to a JSON header naming its {@code alg}. */
    JWT("jwt", Confidence.HIGH, List.of("eyj"), 0,
            "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])"),

    /** The password of a database URL ({@code scheme://user:password@host}, or a JDBC {@code password=} parameter). */
    DATABASE_URL_PASSWORD("database-url-password", Confidence.HIGH, List.of("://", "jdbc:"), 20,
            "(?i)(?<![a-z0-9+.-])(?:jdbc:)?(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver"
                    + "|oracle|cockroachdb|clickhouse)://([^\\s:/@\"'?#]+):([^\\s@/\"'?#]+)@"
                    + "|(?<![a-z0-9])jdbc:[a-z0-9]+:[^\\s\"']{0,512}?[?;&](?:password|pwd)=([^\\s&;\"']+)"),

    /**
     * A value assigned to a secret-sounding name ({@code password=}, {@code "api_key":}, {@code TOKEN=}…)
     * that looks random: not a placeholder, a variable, a path or words, and with the entropy of a key.
     */
    SECRET_ASSIGNMENT("secret-assignment", Confidence.LOW,
            List.of("password", "passwd", "secret", "token", "api_key", "api-key", "apikey", "access_key", "access-key", "accesskey",
                    "auth_key", "auth-key", "authkey", "credential"), 0,
            "(?i)(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|credentials?)(?:[_-]?key)?[\"']?\\s{0,3}"
                    + "(?:=|:(?!:)|=>|:=)\\s{0,3}[\"']?([^\\s\"'`,;&<>(){}\\[\\]|\\\\]{8,200})");

    /** The passwords of local development set-ups, which documentation and compose files spell out. */
    private static final Set<String> DEFAULT_PASSWORDS = Set.of("password", "pass", "passwd", "postgres", "root", "admin",
            "secret", "test", "dev", "guest", "user", "mysql", "changeme", "example");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern WINDOWS_VARIABLE = Pattern.compile("%[A-Za-z_][A-Za-z0-9_]*%");
    private static final Pattern CODE_REFERENCE = Pattern.compile("[A-Za-z_$][\\w$]*(?:(?:\\.|::|->)[A-Za-z_$][\\w$]*)+");
    private static final Pattern WORDS = Pattern.compile("[a-z]+(?:[-_.][a-z]+)*|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[a-z]+(?:[A-Z][a-z]+)+");

    private final String id;
    private final Confidence confidence;
    private final List<String> keywords;
    private final int before;
    private final String regex;
    /** Compiled on first use: most texts meet the keywords of a few rules only, and `ctx hook` starts often. */
    private volatile Pattern pattern;

    Rule(String id, Confidence confidence, List<String> keywords, int before, String regex) {
        this.id = id;
        this.confidence = confidence;
        this.keywords = keywords;
        this.before = before;
        this.regex = regex;
    }

    public String id() {
        return id;
    }

    public Confidence confidence() {
        return confidence;
    }

    /** The rule of a stable id. */
    public static java.util.Optional<Rule> byId(String id) {
        for (Rule rule : values()) {
            if (rule.id.equals(id)) {
                return java.util.Optional.of(rule);
            }
        }
        return java.util.Optional.empty();
    }

    /** Lower-case ASCII strings, one of which (in any case) every match contains. */
    List<String> keywords() {
        return keywords;
    }

    /** How many characters before a keyword's start a match may start. */
    int before() {
        return before;
    }

    /**
     * Whether a match may start at {@code start}, {@code keyword} being where the keyword starts: a URL's
     * scheme starts after a character that cannot be part of one (its pattern's look-behind says so), so the
     * database URL rule, whose keyword {@code ://} is common, is tried once per URL rather than at each of the
     * twenty characters before it.
     */
    boolean mayStartAt(String text, int start, int keyword) {
        if (this != DATABASE_URL_PASSWORD || start == keyword || start == 0) {
            return true;
        }
        char previous = text.charAt(start - 1);
        return !(Character.isLetterOrDigit(previous) || previous == '+' || previous == '.' || previous == '-');
    }

    Matcher matcher(String text) {
        Pattern compiled = pattern;
        if (compiled == null) {
            compiled = Pattern.compile(regex);
            pattern = compiled;
        }
        return compiled.matcher(text);
    }

    /**
     * Whether a match is a secret rather than a look-alike. A switch, not a lambda per rule: {@code ctx hook}
     * loads this class, and each lambda would cost the hook a class spun at run time.
     */
    boolean confirms(String secret) {
        switch (this) {
            case PRIVATE_SPAN:
                return true;
            case GCP_SERVICE_ACCOUNT:
            case PRIVATE_KEY_BLOCK:
                return hasKeyMaterial(secret);
            case CONTEXTSTORE_LICENSE_KEY:
                return LicenseKeyChecksum.isValid(secret);
            case AWS_ACCESS_KEY_ID:
                return !secret.endsWith("EXAMPLE");
            case AWS_SECRET_ACCESS_KEY:
            case AZURE_STORAGE_KEY:
                return random(secret, 4.0);
            case GITHUB_TOKEN:
            case GITLAB_TOKEN:
            case SLACK_TOKEN:
            case STRIPE_KEY:
            case NPM_TOKEN:
            case PYPI_TOKEN:
                return random(afterKeyword(secret), 3.5);
            case SLACK_WEBHOOK:
                return random(secret.substring(secret.lastIndexOf('/') + 1), 3.5);
            case JWT:
                return jwtHeader(secret);
            case DATABASE_URL_PASSWORD:
                return notADefaultPassword(secret);
            case SECRET_ASSIGNMENT:
                return randomAssignedValue(secret);
            default:
                throw new IllegalStateException("no confirmation for " + this);
        }
    }

    /** The group of the secret in a match: its last capturing group that took part, or the whole match (0). */
    static int secretGroup(Matcher match) {
        for (int group = match.groupCount(); group >= 1; group--) {
            if (match.start(group) >= 0) {
                return group;
            }
        }
        return 0;
    }

    /** A token without the prefix (one of the rule's keywords) that every token of its kind starts with: the random part. */
    private String afterKeyword(String token) {
        for (String keyword : keywords) {
            if (token.regionMatches(true, 0, keyword, 0, keyword.length())) {
                return token.substring(keyword.length());
            }
        }
        return token;
    }

    /** Whether a value is a stand-in rather than a secret: a variable, a template, a marker, a documented example. */
    static boolean placeholder(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return value.startsWith("${") || value.startsWith("$(") || SHELL_VARIABLE.matcher(value).matches() || value.startsWith("{{")
                || value.startsWith("<") || WINDOWS_VARIABLE.matcher(value).matches()
                || value.startsWith("[REDACTED") || lower.contains("example") || lower.contains("changeme")
                || lower.contains("placeholder") || lower.contains("your") || lower.contains("xxxx") || value.contains("****")
                || value.contains("...") || value.contains("…") || lower.contains("redacted") || lower.contains("dummy");
    }

    /** Shannon entropy of the characters, in bits per character. */
    static double entropy(String value) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double bits = 0;
        double length = value.length();
        for (int count : counts) {
            if (count > 0) {
                double p = count / length;
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        if (other > 0) {
            double p = other / length;
            bits -= p * Math.log(p) / Math.log(2);
        }
        return bits;
    }

    private static boolean random(String value, double minimumBitsPerCharacter) {
        return !placeholder(value) && entropy(value) >= minimumBitsPerCharacter;
    }

    private static boolean randomAssignedValue(String value) {
        if (placeholder(value) || value.startsWith("/") || value.startsWith("~") || value.startsWith("./")
                || value.startsWith("../") || value.regionMatches(true, 0, "http", 0, 4)
                || CODE_REFERENCE.matcher(value).matches() || WORDS.matcher(value).matches()) {
            return false;
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            lower |= Character.isLowerCase(c);
            upper |= Character.isUpperCase(c);
            digit |= Character.isDigit(c);
            other |= !Character.isLetterOrDigit(c);
        }
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        return classes >= 2 && entropy(value) >= 3.0;
    }

    private static boolean notADefaultPassword(String password) {
        return !placeholder(password) && !DEFAULT_PASSWORDS.contains(password.toLowerCase(Locale.ROOT));
    }

    private static boolean hasKeyMaterial(String block) {
        int material = 0;
        String body = block.replace("\\n", "\n").replace("\\r", "\n");
        int headerEnd = body.indexOf("-----", body.indexOf("-----BEGIN") + 10);
        for (int i = headerEnd < 0 ? 0 : headerEnd + 5; i < body.length() && !body.startsWith("-----END", i); i++) {
            char c = body.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '+' || c == '/') {
                material++;
            }
        }
        return material >= 64 && !placeholder(body.substring(Math.min(body.length(), Math.max(0, headerEnd + 5))));
    }

    private static boolean jwtHeader(String token) {
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
            return header.strip().startsWith("{") && header.contains("\"alg\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
