package vn.loaxa.schedule;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Emergency presets for a phone or a control panel: list them, order one (an emergency now). */
@RestController
class EmergencyPresetController {

    /**
     * @param villageIds empty: every village in use when ordered
     * @param spoken     whether the message plays as audio (recorded or spoken); false: only the siren
     *                   plays and the text is for a person to read out
     */
    record PresetView(long id, String name, EmergencyPreset.Siren siren, @Nullable String messageText,
                      boolean spoken, List<Long> villageIds, int repeatCount) {
        static PresetView of(EmergencyPreset p) {
            return new PresetView(p.id(), p.name(), p.siren(), p.messageText(), p.messageAssetId() != null,
                    p.villageIds(), p.repeatCount());
        }
    }

    private final EmergencyPresetService presets;

    EmergencyPresetController(EmergencyPresetService presets) {
        this.presets = presets;
    }

    @GetMapping("/api/emergency-presets")
    List<PresetView> presets() {
        return presets.findAll().stream().map(PresetView::of).toList();
    }

    @PostMapping("/api/emergency-presets/{id}/order")
    ResponseEntity<ScheduleController.Created> order(@PathVariable long id) {
        return ResponseEntity.status(HttpStatus.CREATED).body(ScheduleController.Created.of(presets.order(id)));
    }
}
