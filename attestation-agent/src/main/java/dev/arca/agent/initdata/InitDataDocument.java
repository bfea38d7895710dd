package dev.arca.agent.initdata;

import dev.arca.model.json.Base64s;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Hex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * An init-data document as the host delivered it (Trustee initdata.md): TOML with {@code version}, {@code algorithm}
 * ({@code sha256 | sha384 | sha512 | sm3}, lowercase, exact) and a {@code [data]} table of strings. Its digest is
 * the algorithm over the exact bytes of the document — not a canonical form — because that is what the host
 * measured into the TEE and what the verifier recomputes from the text the agent sends.
 *
 * @param text      the document text, sent verbatim to the KBS as {@code init-data.body}
 * @param version   the document's {@code version}
 * @param algorithm its digest algorithm
 * @param digest    algorithm(document bytes)
 * @param data      the {@code [data]} table
 */
public record InitDataDocument(String text, String version, HashAlgorithm algorithm, byte[] digest,
        Map<String, String> data) {

    public InitDataDocument {
        data = Map.copyOf(data);
        digest = digest.clone();
    }

    /** Reads and parses a document file; the digest covers the file's bytes exactly. */
    public static InitDataDocument read(Path file) throws InvalidInitDataException, IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        return parse(bytes);
    }

    public static InitDataDocument parse(byte[] bytes) throws InvalidInitDataException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInitDataException("init-data is not UTF-8 text", e);
        }
        if (text.isBlank()) {
            throw new InvalidInitDataException("init-data is empty");
        }
        JsonNode document;
        try {
            document = Toml.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidInitDataException("init-data is not valid TOML: " + firstLine(e.getOriginalMessage()), e);
        }
        String version = string(document, "version");
        String algorithmName = string(document, "algorithm");
        HashAlgorithm algorithm = Arrays.stream(HashAlgorithm.values())
                .filter(a -> a.wireName().equals(algorithmName)).findFirst()
                .orElseThrow(() -> new InvalidInitDataException("init-data algorithm '" + algorithmName
                        + "' is not one of sha256, sha384, sha512, sm3"));
        Map<String, String> data = new LinkedHashMap<>();
        JsonNode table = document.get("data");
        if (table != null) {
            if (!table.isObject()) {
                throw new InvalidInitDataException("init-data 'data' must be a table of strings");
            }
            for (Map.Entry<String, JsonNode> entry : table.properties()) {
                if (!entry.getValue().isString()) {
                    throw new InvalidInitDataException("init-data data." + entry.getKey() + " must be a string");
                }
                data.put(entry.getKey(), entry.getValue().asString());
            }
        }
        return new InitDataDocument(text, version, algorithm, algorithm.digest(bytes), data);
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    public String digestHex() {
        return Hex.of(digest);
    }

    /** Standard base64, the form upstream's {@code --initdata-digest} takes and the sample verifier reports. */
    public String digestBase64() {
        return Base64s.std(digest);
    }

    private static String string(JsonNode document, String key) throws InvalidInitDataException {
        JsonNode value = document == null ? null : document.get(key);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new InvalidInitDataException("init-data lacks the string '" + key + "'");
        }
        return value.asString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The TOML mapper, made on first use so commands that read no TOML do not pay for it. */
    private static final class Toml {
        static final TomlMapper MAPPER = new TomlMapper();
    }
}
