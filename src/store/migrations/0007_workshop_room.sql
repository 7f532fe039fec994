-- Migration 7 (issue #14, the printables): a workshop's room, as the workshop file names it
-- ("Salle Vercors, 2e étage"; one line, at most 80 characters, checked by
-- `domain::workshop_draft`). NULL: no room given; workshops made before keep NULL.

ALTER TABLE workshops ADD COLUMN room TEXT;
