<?php
// Boot Debian's WordPress (/usr/share/wordpress) with the test's own config, without its
// wp-config.php, which would read /etc/wordpress. What wp-load.php does, minus that.
define('ABSPATH', '/usr/share/wordpress/');
require __DIR__ . '/config.php';
require_once ABSPATH . 'wp-settings.php';
