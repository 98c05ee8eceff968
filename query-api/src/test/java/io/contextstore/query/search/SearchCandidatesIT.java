package io.contextstore.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.Infrastructure;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * search_candidates (V9) scans the index once when its estimate says few documents match, else walks
 * the tenant's documents block by block (4096 offsets each) and scans once more when the walk stops at
 * 1024 blocks with too few; whatever the path, its answer must be the newest matches the plain
 * statement finds. Documents are written as the owner at offsets chosen to cross many blocks,
 * to leave blocks empty, to exceed the block limit, and beside a second tenant whose id shares the 32
 * bits the block key keeps (so its documents are in the same GIN keys).
 */
class SearchCandidatesIT {

    private static final Infrastructure infrastructure = Infrastructure.shared();
    private static final UUID dense = UUID.fromString("5ea4c400-0000-4000-8000-" + suffix());
    private static final UUID sparse = UUID.fromString("5ea4c401-0000-4000-8000-" + suffix());
    /** Its newest 2,000 documents all say "hot", no older one does: the estimate says walk, the walk stops at 1,024 blocks. */
    private static final UUID skewed = UUID.fromString("5ea4c402-0000-4000-8000-" + suffix());
    /** Shares its first 32 bits with {@code dense}: the same block keys, other rows. */
    private static final UUID twin = UUID.fromString("5ea4c400-1111-4000-8000-" + suffix());

    private static final String PLAIN = """
            SELECT coalesce(array_agg(kafka_offset), '{}') FROM (SELECT kafka_offset FROM search_documents
              WHERE tenant_id = ? AND doc @@ to_tsquery('simple', ?) AND (private_to IS NULL OR private_to = 'me')
                AND (project_scope IS NULL OR project_scope = 'mine')
              ORDER BY kafka_offset DESC LIMIT ?) newest""";
    private static final String WALKED =
            "SELECT search_candidates(to_tsquery('simple', ?), null, null, ?, ?, 'me', false, '{mine}'::text[])";

    @BeforeAll
    static void documents() throws SQLException {
        try (Connection c = infrastructure.ownerConnection()) {
            // 6000 documents 700 offsets apart: ~1000 blocks, some holding one document, none empty
            write(c, dense, 6000, 700);
            write(c, twin, 6000, 700);
            // 1500 documents 9000 offsets apart: past the 1024-block walk, with gaps between blocks
            write(c, sparse, 1500, 9000);
            write(c, skewed, 3000, 9000);
            try (PreparedStatement hot = c.prepareStatement("UPDATE search_documents SET doc = doc || to_tsvector('simple', 'hot')"
                    + " WHERE tenant_id = ? AND kafka_offset >= (SELECT min(kafka_offset) FROM (SELECT kafka_offset FROM"
                    + " search_documents WHERE tenant_id = ? ORDER BY kafka_offset DESC LIMIT 2000) newest)")) {
                hot.setObject(1, skewed);
                hot.setObject(2, skewed);
                assertThat(hot.executeUpdate()).isEqualTo(2000);
            }
        }
    }

    @AfterAll
    static void removeThem() throws SQLException {
        try (Connection c = infrastructure.ownerConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM search_documents WHERE tenant_id = ANY (?)")) {
            delete.setArray(1, c.createArrayOf("uuid", new Object[] {dense, sparse, twin, skewed}));
            delete.executeUpdate();
        }
    }

    @ParameterizedTest(name = "{0} tenant, {1}, newest {2}")
    @CsvSource({
            "dense, common, 1000", "dense, common, 5", "dense, tenth, 1000", "dense, tenth & common, 50",
            "dense, rare, 1000", "dense, nowhere, 1000", "dense, tenth & !common, 1000", "dense, secret, 1000",
            "sparse, common, 1000", "sparse, common, 300", "sparse, tenth, 100", "sparse, rare, 1000", "sparse, nowhere, 10",
            "skewed, hot, 500", "skewed, hot & tenth, 20", "skewed, common, 1000"})
    void theCandidatesAreTheNewestMatchesThePlainStatementFinds(String which, String query, int newest) throws SQLException {
        UUID tenant = switch (which) {
            case "dense" -> dense;
            case "sparse" -> sparse;
            default -> skewed;
        };
        try (Connection c = infrastructure.ownerConnection()) {
            List<Long> expected = offsets(c, PLAIN, tenant, query, newest);
            List<Long> walked = offsets(c, WALKED, query, newest, tenant);
            assertThat(walked).isEqualTo(expected);
            assertThat(walked).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        }
    }

    private static List<Long> offsets(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Array array = rs.getArray(1);
                return List.of((Long[]) array.getArray());
            }
        }
    }

    /**
     * Every document has "common"; one in ten "tenth"; one in 500 "rare"; one in 7 is another user's "secret";
     * one in 11 is confined to a project (ADR 36), every other one of those to a project "me" is not in.
     */
    private static void write(Connection c, UUID tenant, int documents, int spacing) throws SQLException {
        SplittableRandom random = new SplittableRandom(tenant.getLeastSignificantBits());
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO search_documents (tenant_id, kafka_offset, kind,"
                + " private_to, project_scope, doc) VALUES (?, ?, 'decision', ?, ?, to_tsvector('simple', ?))")) {
            for (int n = 0; n < documents; n++) {
                String words = "common" + (random.nextInt(10) == 0 ? " tenth" : "") + (random.nextInt(500) == 0 ? " rare" : "")
                        + (n % 7 == 3 ? " secret" : "");
                insert.setObject(1, tenant);
                insert.setLong(2, (long) n * spacing + random.nextInt(spacing / 2));
                insert.setString(3, n % 7 == 3 ? "someone-else" : null);
                insert.setString(4, n % 11 == 5 ? (n % 2 == 0 ? "mine" : "theirs") : null);
                insert.setString(5, words);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String suffix() {
        return String.format("%012x", new SplittableRandom().nextLong(1L << 48));
    }
}
