-- Migration 3 (issue #10, "Moderation by participant"): indexes only, so a version-2
-- database opens with every entry intact.

-- The "+1" quota counts a participant's supports inside the writer's transaction, and the
-- dashboard's participant list counts them per participant: without this index both would
-- read every support of the database (the primary key starts with the finding).
CREATE INDEX finding_supports_by_participant ON finding_supports(participant_id);

-- The participant list counts each participant's proposals of recommendations.
CREATE INDEX recommendations_by_proposer ON recommendations(proposed_by)
    WHERE proposed_by IS NOT NULL;
