DROP INDEX activities_translation_of;
ALTER TABLE activities DROP COLUMN translation_of;
