DROP TABLE revision_links;
DROP TABLE revision_partners;
DROP TABLE revision_categories;
DROP TABLE activity_revisions;
DROP TABLE activities;
DROP TABLE pages;
DROP TABLE categories;
