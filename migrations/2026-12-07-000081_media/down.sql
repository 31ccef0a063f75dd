DELETE FROM permissions
WHERE name IN ('media.upload', 'media.read_any', 'media.update_own', 'media.update_any');
DROP TABLE media;
DROP TABLE media_folders;
