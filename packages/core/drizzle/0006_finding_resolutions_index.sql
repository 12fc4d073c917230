-- A finding's latest resolution is looked up per finding when a review is opened; without this
-- index each lookup scanned every resolution (quadratic in the size of a resolved review).
CREATE INDEX `finding_resolutions_finding` ON `finding_resolutions` (`finding_id`, `id`);
