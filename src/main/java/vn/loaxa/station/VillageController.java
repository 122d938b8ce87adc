package vn.loaxa.station;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/villages")
class VillageController {

    private final VillageService villages;

    VillageController(VillageService villages) {
        this.villages = villages;
    }

    @GetMapping
    List<Village> list() {
        return villages.findAll();
    }
}
