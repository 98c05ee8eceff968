package io.contextstore.projector.projection;

import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.ErrorSolutionRecorded;
import io.contextstore.events.MessagePushed;
import io.contextstore.events.ProjectContextRecorded;
import io.contextstore.events.SkillLearningRecorded;
import io.contextstore.events.TaskTracked;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kind-specific fields of a payload as the API shows them under {@code data}, in a fixed order. */
public final class EventData {

    private EventData() {
    }

    public static Map<String, Object> of(Object payload) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (payload instanceof MessagePushed m) {
            data.put("message_id", m.getMessageId());
            data.put("session_id", m.getSessionId());
            data.put("role", m.getRole());
            data.put("content", m.getContent());
        } else if (payload instanceof TaskTracked t) {
            data.put("task_id", t.getTaskId());
            data.put("description", t.getDescription());
            data.put("status", t.getStatus());
            data.put("outcome", t.getOutcome());
            data.put("project_id", t.getProjectId());
            data.put("tool_success_count", t.getToolSuccessCount());
            data.put("tool_error_count", t.getToolErrorCount());
            data.put("user_corrections", t.getUserCorrections());
        } else if (payload instanceof DecisionRecorded d) {
            data.put("title", d.getTitle());
            data.put("decision", d.getDecision());
            data.put("rationale", d.getRationale());
            data.put("tags", List.copyOf(d.getTags()));
        } else if (payload instanceof SkillLearningRecorded l) {
            data.put("skill", l.getSkill());
            data.put("learning", l.getLearning());
            data.put("tags", List.copyOf(l.getTags()));
        } else if (payload instanceof ErrorSolutionRecorded e) {
            data.put("error", e.getError());
            data.put("solution", e.getSolution());
            data.put("context", e.getContext());
            data.put("tags", List.copyOf(e.getTags()));
        } else if (payload instanceof ProjectContextRecorded p) {
            data.put("title", p.getTitle());
            data.put("content", p.getContent());
        } else {
            throw new IllegalArgumentException("not a context payload: " + payload);
        }
        return data;
    }
}
