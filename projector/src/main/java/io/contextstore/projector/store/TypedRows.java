package io.contextstore.projector.store;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.ErrorSolutionRecorded;
import io.contextstore.events.EventKind;
import io.contextstore.events.MessagePushed;
import io.contextstore.events.ProjectContextRecorded;
import io.contextstore.events.SkillLearningRecorded;
import io.contextstore.events.TaskTracked;
import io.contextstore.platform.db.MultiRowInsert;
import io.contextstore.projector.projection.KeptEvent;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The per-kind tables: one multi-row INSERT per kind per tenant and batch; tasks keep their latest state. */
final class TypedRows {

    private static final Map<EventKind, MultiRowInsert<KeptEvent>> INSERTS = Map.of(
            EventKind.MESSAGE, insert("messages", e -> {
                MessagePushed m = (MessagePushed) e.getPayload();
                return new Object[] {m.getSessionId(), m.getMessageId(), m.getRole(), m.getContent()};
            }, "session_id", "message_id", "role", "content"),
            EventKind.DECISION, insert("decisions", e -> {
                DecisionRecorded d = (DecisionRecorded) e.getPayload();
                return new Object[] {d.getTitle(), d.getDecision(), d.getRationale(), d.getTags().toArray(String[]::new)};
            }, "title", "decision", "rationale", "tags"),
            EventKind.LEARNING, insert("skill_learnings", e -> {
                SkillLearningRecorded l = (SkillLearningRecorded) e.getPayload();
                return new Object[] {l.getSkill(), l.getLearning(), l.getTags().toArray(String[]::new)};
            }, "skill", "learning", "tags"),
            EventKind.ERROR_SOLUTION, insert("error_solutions", e -> {
                ErrorSolutionRecorded s = (ErrorSolutionRecorded) e.getPayload();
                return new Object[] {s.getError(), s.getSolution(), s.getContext(), s.getTags().toArray(String[]::new)};
            }, "error", "solution", "context", "tags"),
            EventKind.PROJECT_CONTEXT, insert("project_contexts", e -> {
                ProjectContextRecorded p = (ProjectContextRecorded) e.getPayload();
                return new Object[] {p.getTitle(), p.getContent()};
            }, "title", "content"));

    private static final MultiRowInsert<KeptEvent> TASKS = MultiRowInsert.<KeptEvent>into("tasks", kept -> {
        ContextEvent e = kept.logged().event();
        TaskTracked t = (TaskTracked) e.getPayload();
        return new Object[] {e.getTenantId(), e.getUserId(), t.getTaskId(), t.getDescription(), t.getStatus(),
                t.getOutcome(), t.getProjectId(), t.getToolSuccessCount(), t.getToolErrorCount(), t.getUserCorrections(),
                e.getDeviceId(), kept.logged().offset(), utc(e.getOccurredAt())};
    }, "tenant_id", "user_id", "task_id", "description", "status", "outcome", "project_id", "tool_success_count",
            "tool_error_count", "user_corrections", "device_id", "last_offset", "updated_at").then("""
            ON CONFLICT (tenant_id, user_id, task_id) DO UPDATE SET description = excluded.description,
                status = excluded.status, outcome = excluded.outcome, project_id = excluded.project_id,
                tool_success_count = excluded.tool_success_count, tool_error_count = excluded.tool_error_count,
                user_corrections = excluded.user_corrections, device_id = excluded.device_id,
                last_offset = excluded.last_offset, updated_at = excluded.updated_at
            WHERE tasks.last_offset < excluded.last_offset""");

    private TypedRows() {
    }

    /** The typed tables' inserts for these events, to run as parts of one statement. */
    static List<MultiRowInsert.Fragment> fragments(List<KeptEvent> kept) {
        List<MultiRowInsert.Fragment> fragments = new java.util.ArrayList<>();
        for (EventKind kind : EventKind.values()) {
            MultiRowInsert<KeptEvent> insert = INSERTS.get(kind);
            if (insert == null) {
                continue;
            }
            List<KeptEvent> rows = kept.stream().filter(k -> EventKind.of(k.logged().event()) == kind).toList();
            if (!rows.isEmpty()) {
                fragments.add(insert.fragment(rows));
            }
        }
        return fragments;
    }

    static java.util.Optional<MultiRowInsert.Fragment> taskFragment(List<KeptEvent> latestTaskStates) {
        return latestTaskStates.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(TASKS.fragment(latestTaskStates));
    }

    /** Every typed table starts with the same columns; the kind adds its own. */
    private static MultiRowInsert<KeptEvent> insert(String table, Function<ContextEvent, Object[]> kindValues,
                                                    String... kindColumns) {
        String[] columns = new String[7 + kindColumns.length];
        String[] common = {"tenant_id", "kafka_offset", "event_id", "user_id", "device_id", "project_id", "occurred_at"};
        System.arraycopy(common, 0, columns, 0, common.length);
        System.arraycopy(kindColumns, 0, columns, common.length, kindColumns.length);
        return MultiRowInsert.into(table, kept -> {
            ContextEvent e = kept.logged().event();
            Object[] own = kindValues.apply(e);
            Object[] values = new Object[columns.length];
            Object[] shared = {e.getTenantId(), kept.logged().offset(), e.getEventId(), e.getUserId(), e.getDeviceId(),
                    e.getProjectId(), utc(e.getOccurredAt())};
            System.arraycopy(shared, 0, values, 0, shared.length);
            System.arraycopy(own, 0, values, shared.length, own.length);
            return values;
        }, columns);
    }

    static OffsetDateTime utc(java.time.Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
