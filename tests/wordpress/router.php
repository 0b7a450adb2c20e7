<?php
// Router for `php -S`: serve real files as they are, send everything else to WordPress,
// which is what Apache's rewrite rules do for pretty permalinks (/wp-json/...).
//
// WordPress is booted here with this folder's config.php (which reads the test's
// environment) instead of through wp-load.php, whose Debian wp-config.php would read
// /etc/wordpress/config-<host>.php: the tests write nothing outside their own folders, and
// two suites (or a suite and a real site) can share one machine.
if (getenv('WPD_ACCESS_LOG')) {  // the tests count requests per route
    file_put_contents(getenv('WPD_ACCESS_LOG'), $_SERVER['REQUEST_URI'] . "\n", FILE_APPEND | LOCK_EX);
}
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$file = $_SERVER['DOCUMENT_ROOT'] . $path;
if ($path !== '/' && file_exists($file) && !is_dir($file)) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
define('WP_USE_THEMES', true);
require __DIR__ . '/boot.php';
wp();
require ABSPATH . WPINC . '/template-loader.php';
