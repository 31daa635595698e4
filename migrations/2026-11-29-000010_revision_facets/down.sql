DROP INDEX activity_revisions_facets;
