DROP TABLE attachments;
DROP TABLE stored_files;
DROP TABLE photos;
DROP TABLE image_variants;
DROP TABLE stored_images;
