package vn.loaxa.station;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;

/**
 * The station's villages. Seeded with Gio Sơn's seven by the V0002 migration (so a fresh station
 * can schedule at once); another commune renames, adds or disables them. Villages are never
 * deleted: programmes and the air log name them.
 */
@Service
public class VillageService {

    private final VillageRepository villages;

    VillageService(VillageRepository villages) {
        this.villages = villages;
    }

    @Transactional(readOnly = true)
    public List<Village> findAll() {
        return villages.findAll();
    }

    /**
     * The villages with these ids, in the order given; refuses unknown or disabled ones and an empty
     * list, because a broadcast to nobody is always a mistake.
     */
    @Transactional(readOnly = true)
    public List<Village> require(Collection<Long> ids) {
        if (ids.isEmpty()) {
            throw new InvalidInputException("NO_VILLAGES", "error.schedule.noVillages", "No village given");
        }
        Map<Long, Village> byId = villages.findAll().stream()
                .collect(Collectors.toMap(Village::id, Function.identity()));
        return ids.stream().distinct().map(id -> {
            var v = byId.get(id);
            if (v == null || !v.enabled()) {
                throw new InvalidInputException("UNKNOWN_VILLAGE", "error.schedule.unknownVillage",
                        "No enabled village " + id, id);
            }
            return v;
        }).toList();
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "VILLAGE_CREATED", target = "VILLAGE", snapshot = "#result")
    public Village create(String name) {
        Limits.title(name);
        if (name.isBlank()) {
            throw new InvalidInputException("BLANK_NAME", "error.api.badRequest", "A village needs a name");
        }
        return villages.findById(villages.insert(name.strip())).orElseThrow();
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "VILLAGE_UPDATED", target = "VILLAGE", snapshot = "findAll().^[id() == #id]")
    public Village update(long id, String name, boolean enabled) {
        Limits.title(name);
        if (villages.findById(id).isEmpty() || name.isBlank()) {
            throw new InvalidInputException("UNKNOWN_VILLAGE", "error.schedule.unknownVillage", "No village " + id, id);
        }
        villages.update(id, name.strip(), enabled);
        return villages.findById(id).orElseThrow();
    }
}
