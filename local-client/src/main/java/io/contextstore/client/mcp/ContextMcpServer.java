package io.contextstore.client.mcp;

import io.contextstore.client.LocalContext;
import io.contextstore.client.items.Kind;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ctx mcp}: the Model Context Protocol over stdio with the official Java SDK. Searching and
 * reading use the local files (and the server's search when it answers quickly); recording queues
 * durably as {@code ctx push} does. A tool that cannot do what it is asked answers a tool error
 * ({@code isError}) with the reason; it never ends the server.
 */
public final class ContextMcpServer {

    private static final Duration SERVER_PATIENCE = Duration.ofMillis(1_500);

    private final ContextTools tools;
    private final McpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());

    public ContextMcpServer(LocalContext context, String mainClass) {
        this.tools = new ContextTools(context, new ServerSearch(context, SERVER_PATIENCE), mainClass);
    }

    /** Serves until the client closes stdin. */
    public void serve(InputStream in, OutputStream out, String version) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n < 0) {
                    closed.countDown();
                }
                return n;
            }

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    closed.countDown();
                }
                return b;
            }
        };
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(json, watched, out))
                .serverInfo("context-store", version)
                .instructions("Context Store: the team's decisions, learnings, error solutions, tasks and project context,"
                        + " searchable offline. Search before answering questions about this codebase's history; record"
                        + " decisions, learnings and error solutions worth keeping.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(json)
                .tools(specifications())
                .build();
        try {
            closed.await();
        } finally {
            server.closeGracefully();
        }
    }

    List<SyncToolSpecification> specifications() {
        return List.of(
                tool(ToolSchemas.SEARCH, tools::search),
                tool(ToolSchemas.GET_ITEM, tools::get),
                tool(ToolSchemas.OPEN_TASKS, tools::openTasks),
                tool(ToolSchemas.RECORD_DECISION, arguments -> tools.record(Kind.DECISION, fields(
                        "title", arguments.required("title"), "decision", arguments.required("decision"),
                        "rationale", arguments.optional("rationale"), "tags", arguments.strings("tags")), arguments.optional("project"),
                        arguments.flag("personal"))),
                tool(ToolSchemas.RECORD_LEARNING, arguments -> tools.record(Kind.LEARNING, fields(
                        "skill", arguments.required("skill"), "learning", arguments.required("learning"),
                        "tags", arguments.strings("tags")), arguments.optional("project"),
                        arguments.flag("personal"))),
                tool(ToolSchemas.RECORD_ERROR_SOLUTION, arguments -> tools.record(Kind.ERROR_SOLUTION, fields(
                        "error", arguments.required("error"), "solution", arguments.required("solution"),
                        "context", arguments.optional("context"), "tags", arguments.strings("tags")), arguments.optional("project"),
                        arguments.flag("personal"))),
                tool(ToolSchemas.EDIT_ITEM, tools::edit),
                tool(ToolSchemas.RETRACT_ITEM, tools::retract),
                tool(ToolSchemas.ITEM_HISTORY, tools::history),
                tool(ToolSchemas.LIST_CONFLICTS, tools::conflicts));
    }

    private SyncToolSpecification tool(McpSchema.Tool tool, Function<Arguments, Map<String, Object>> work) {
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            try {
                return McpSchema.CallToolResult.builder()
                        .addTextContent(json.writeValueAsString(work.apply(new Arguments(request.arguments()))))
                        .isError(false).build();
            } catch (Arguments.BadArguments e) {
                return error(e.getMessage());
            } catch (IOException | RuntimeException e) {
                // A failure of this machine (a locked or unreadable file) is the tool's answer, not the end of the server.
                return error(tool.name() + " failed: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
            }
        }).build();
    }

    private static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
