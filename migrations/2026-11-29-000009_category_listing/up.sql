-- Which public activities each category lists, in list order: a narrow copy kept by triggers
-- (like the search index), so that a category's count and its page 1 000 read a range of
-- one covering index instead of probing every public activity. Derived data only: it can be
-- rebuilt from activities and revision_categories at any time.
CREATE TABLE category_listing (
    id           INTEGER PRIMARY KEY NOT NULL,
    category_id  INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    activity_id  INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    published_at TIMESTAMP
);
CREATE UNIQUE INDEX category_listing_order
    ON category_listing (category_id, published_at DESC, activity_id DESC);
CREATE INDEX category_listing_activity ON category_listing (activity_id);

INSERT INTO category_listing (category_id, activity_id, published_at)
SELECT rc.category_id, a.id, a.published_at
  FROM activities a
  JOIN revision_categories rc ON rc.revision_id = a.live_revision_id;

-- An activity goes live, is unpublished, gets another live revision or another date.
CREATE TRIGGER category_listing_activity_insert AFTER INSERT ON activities
    WHEN NEW.live_revision_id IS NOT NULL
BEGIN
    INSERT INTO category_listing (category_id, activity_id, published_at)
    SELECT category_id, NEW.id, NEW.published_at
      FROM revision_categories WHERE revision_id = NEW.live_revision_id;
END;

CREATE TRIGGER category_listing_activity_update
    AFTER UPDATE OF live_revision_id, published_at ON activities
BEGIN
    DELETE FROM category_listing WHERE activity_id = OLD.id;
    INSERT INTO category_listing (category_id, activity_id, published_at)
    SELECT category_id, NEW.id, NEW.published_at
      FROM revision_categories
     WHERE revision_id = NEW.live_revision_id;
END;

-- The categories of a live revision change (revisions are normally frozen once live, but
-- whatever path does it, the listing follows).
CREATE TRIGGER category_listing_category_insert AFTER INSERT ON revision_categories
BEGIN
    INSERT INTO category_listing (category_id, activity_id, published_at)
    SELECT NEW.category_id, a.id, a.published_at
      FROM activities a WHERE a.live_revision_id = NEW.revision_id;
END;

CREATE TRIGGER category_listing_category_delete AFTER DELETE ON revision_categories
BEGIN
    DELETE FROM category_listing
     WHERE category_id = OLD.category_id
       AND activity_id IN (SELECT id FROM activities WHERE live_revision_id = OLD.revision_id);
END;
