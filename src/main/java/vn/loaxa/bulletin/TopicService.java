package vn.loaxa.bulletin;

import java.util.List;
import java.util.Locale;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;

/**
 * The CCHC topic taxonomy, seeded from the commune plan by the V0002 migration and edited as data
 * when a new year's plan changes it. Topics are retired, never deleted, so old reports still read.
 */
@Service
public class TopicService {

    private final TopicRepository topics;

    TopicService(TopicRepository topics) {
        this.topics = topics;
    }

    @Transactional(readOnly = true)
    public List<Topic> findAll() {
        return topics.findAll();
    }

    @Transactional(readOnly = true)
    public Topic require(long id) {
        return topics.findById(id).orElseThrow(() -> new InvalidInputException("UNKNOWN_TOPIC",
                "error.bulletin.unknownTopic", "No topic " + id, id));
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "TOPIC_CREATED", target = "TOPIC", snapshot = "#result")
    public Topic create(String code, String name) {
        Limits.title(name);
        var cleanCode = code.strip().toUpperCase(Locale.ROOT);
        if (!cleanCode.matches("[A-Z0-9_]{1,20}") || name.isBlank()) {
            throw new InvalidInputException("BAD_TOPIC", "error.api.badRequest",
                    "A topic needs a code of A-Z, 0-9, _ and a name");
        }
        try {
            return require(topics.insert(cleanCode, name.strip()));
        } catch (DuplicateKeyException e) {
            throw new InvalidInputException("DUPLICATE_TOPIC", "error.api.badRequest", "Topic code exists: " + cleanCode);
        }
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "TOPIC_UPDATED", target = "TOPIC", snapshot = "require(#id)")
    public Topic update(long id, String name, boolean retired) {
        Limits.title(name);
        require(id);
        if (name.isBlank()) {
            throw new InvalidInputException("BAD_TOPIC", "error.api.badRequest", "A topic needs a name");
        }
        topics.update(id, name.strip(), retired);
        return require(id);
    }
}
