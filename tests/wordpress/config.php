<?php
// The test site's wp-config, loaded by boot.php (never copied into /etc). Everything that
// changes per run comes from the environment that tests/realwp.py sets.
define('DB_NAME', getenv('WPD_DB_NAME'));
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:' . getenv('WPD_DB_SOCKET'));
define('WP_HOME', 'http://' . $_SERVER['HTTP_HOST']);
define('WP_SITEURL', 'http://' . $_SERVER['HTTP_HOST']);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', false);
$table_prefix = 'wp_';
