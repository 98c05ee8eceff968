package io.contextstore.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import java.io.IOException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body as strict JSON: at most a documented number of bytes (413 beyond), UTF-8
 * without BOM, RFC 8259 syntax only, no duplicate member names, nothing after the value, bounded
 * nesting. Anything else is a 400 that says where the problem is.
 */
public final class JsonBodies {

    private static final int MAX_NESTING = 32;

    private final long maxBytes;
    private final JsonMapper mapper;

    public JsonBodies(long maxBytes) {
        this.maxBytes = maxBytes;
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxNumberLength(64)
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBytes))
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    public long maxBytes() {
        return maxBytes;
    }

    public JsonNode read(HttpServletRequest request) {
        // the raw header: a servlet filter may already have forced the request's character encoding
        requireUtf8Json(request.getHeader("Content-Type"));
        if (request.getContentLengthLong() > maxBytes) {
            throw ApiProblem.payloadTooLarge(maxBytes);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw ApiProblem.malformedJson("the request body could not be read");
        }
        if (body.length > maxBytes) {
            throw ApiProblem.payloadTooLarge(maxBytes);
        }
        return parse(body);
    }

    private static void requireUtf8Json(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        if (type == null || !(MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                || "json".equals(type.getSubtypeSuffix()) && "application".equals(type.getType()))) {
            throw ApiProblem.unsupportedMediaType("the body must be application/json");
        }
        if (type.getParameter("charset") != null && !type.getParameter("charset").equalsIgnoreCase("UTF-8")
                && !type.getParameter("charset").equalsIgnoreCase("UTF8")) {
            // RFC 8259 section 8.1: JSON exchanged between systems is UTF-8
            throw ApiProblem.unsupportedMediaType("JSON bodies must be UTF-8, not " + type.getParameter("charset"));
        }
    }

    public JsonNode parse(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) {
            throw ApiProblem.malformedJson("the body starts with a byte order mark; send UTF-8 without one");
        }
        switch (Utf8Text.shape(body)) {
            case INVALID -> throw ApiProblem.malformedJson("the body is not valid UTF-8");
            case BLANK -> throw ApiProblem.malformedJson("the request body is empty");
            case TEXT -> { }
        }
        // Jackson guesses the encoding of bytes from the first four, and takes a NUL among the first two
        // for UTF-16 or UTF-32: such a body is ASCII with NULs, so valid UTF-8 that no JSON text starts with.
        if (body[0] == 0 || body.length > 1 && body[1] == 0) {
            throw ApiProblem.malformedJson("the body starts with a NUL character, as UTF-16 or UTF-32 text does; send UTF-8");
        }
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.malformedJson(describe(e));
        }
    }

    private static String describe(JacksonException e) {
        String what = e.getOriginalMessage() == null ? "invalid JSON" : firstLine(e.getOriginalMessage());
        TokenStreamLocation at = e.getLocation();
        return at == null ? what : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
