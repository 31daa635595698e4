-- How many activities each category lists per month of publication, kept by triggers from
-- category_listing. A category's count sums a few hundred rows instead of reading its whole
-- list, and page N starts at the month holding its first activity instead of stepping over
-- every newer one (OFFSET), so page 1 000 costs what page 1 does. Derived data only: it can
-- be rebuilt from category_listing at any time.
CREATE TABLE category_months (
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    -- 'YYYY-MM' of published_at (UTC). Publishing always sets published_at; a listed row
    -- without one would be left out of counts and pages alike.
    month       TEXT    NOT NULL,
    activities  INTEGER NOT NULL,
    PRIMARY KEY (category_id, month)
) WITHOUT ROWID;

INSERT INTO category_months (category_id, month, activities)
SELECT category_id, substr(published_at, 1, 7), count(*)
  FROM category_listing
 WHERE published_at IS NOT NULL
 GROUP BY 1, 2;

CREATE TRIGGER category_months_insert AFTER INSERT ON category_listing
WHEN NEW.published_at IS NOT NULL
BEGIN
    INSERT INTO category_months (category_id, month, activities)
    VALUES (NEW.category_id, substr(NEW.published_at, 1, 7), 1)
    ON CONFLICT (category_id, month) DO UPDATE SET activities = activities + 1;
END;

CREATE TRIGGER category_months_delete AFTER DELETE ON category_listing
WHEN OLD.published_at IS NOT NULL
BEGIN
    UPDATE category_months SET activities = activities - 1
     WHERE category_id = OLD.category_id
       AND month = substr(OLD.published_at, 1, 7);
    DELETE FROM category_months
     WHERE category_id = OLD.category_id
       AND month = substr(OLD.published_at, 1, 7)
       AND activities <= 0;
END;

-- category_listing rows are only inserted and deleted, but whatever path updates one, the
-- months follow.
CREATE TRIGGER category_months_update AFTER UPDATE OF category_id, published_at ON category_listing
BEGIN
    UPDATE category_months SET activities = activities - 1
     WHERE category_id = OLD.category_id
       AND month = substr(OLD.published_at, 1, 7);
    DELETE FROM category_months
     WHERE category_id = OLD.category_id
       AND month = substr(OLD.published_at, 1, 7)
       AND activities <= 0;
    INSERT INTO category_months (category_id, month, activities)
    SELECT NEW.category_id, substr(NEW.published_at, 1, 7), 1
     WHERE NEW.published_at IS NOT NULL
    ON CONFLICT (category_id, month) DO UPDATE SET activities = activities + 1;
END;
