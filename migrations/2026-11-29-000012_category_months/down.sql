DROP TRIGGER category_months_update;
DROP TRIGGER category_months_delete;
DROP TRIGGER category_months_insert;
DROP TABLE category_months;
