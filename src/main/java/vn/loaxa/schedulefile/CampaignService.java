package vn.loaxa.schedulefile;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read access to the campaigns and the station profile that schedule files set; reports and the
 * dashboard read them here. They are written only by a schedule import.
 */
@Service
public class CampaignService {

    private final CampaignRepository campaigns;

    CampaignService(CampaignRepository campaigns) {
        this.campaigns = campaigns;
    }

    @Transactional(readOnly = true)
    public List<Campaign> findAll() {
        return campaigns.findAll();
    }

    /** The campaigns running on {@code day}. */
    @Transactional(readOnly = true)
    public List<Campaign> on(LocalDate day) {
        return campaigns.findAll().stream().filter(c -> c.covers(day)).toList();
    }

    @Transactional(readOnly = true)
    public Optional<StationProfile> profile() {
        return campaigns.profile();
    }
}
