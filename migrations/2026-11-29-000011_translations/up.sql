-- An activity may be a translation of another. `translation_of` names the original, which is
-- never itself a translation: a set of translations is one original and the activities that
-- point at it, so "the other languages of this activity" is one indexed lookup. A translation
-- without photos or documents of its own shows the original's (shared, not copied).
--
-- The column is on the activity, not on a revision: linking is not content to moderate, and
-- only published members of a set are ever shown. Changing it on a published activity counts
-- as a public change through the existing public_activities_update trigger.
ALTER TABLE activities ADD COLUMN translation_of INTEGER REFERENCES activities (id) ON DELETE SET NULL;
CREATE INDEX activities_translation_of ON activities (translation_of) WHERE translation_of IS NOT NULL;
