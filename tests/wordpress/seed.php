<?php
// Drive WordPress through its own PHP API. Reads a JSON list of commands on stdin, prints a
// JSON list of results. Usage: WPD_* env set; php seed.php HOST:PORT < commands.json
$_SERVER['HTTP_HOST'] = $argv[1];
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', ($argv[2] ?? '') === 'install');
require __DIR__ . '/boot.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/taxonomy.php';

$out = [];
foreach (json_decode(stream_get_contents(STDIN), true) as $cmd) {
    switch ($cmd['op']) {
        case 'install':
            $r = wp_install('wp-digest test', 'admin', 'admin@example.org', true, '', 'not-a-secret');
            update_option('timezone_string', $cmd['timezone']);
            update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
            flush_rewrite_rules(true);
            wp_delete_post(1, true);  // "Hello world!"
            wp_delete_post(2, true);  // "Sample Page"
            $out[] = $r['user_id'];
            break;
        case 'term':
            $t = wp_insert_term($cmd['name'], $cmd['taxonomy'] ?? 'category');
            $out[] = is_wp_error($t) ? $t->get_error_message() : $t['term_id'];
            break;
        case 'insert':
            $id = wp_insert_post([
                'post_title' => $cmd['title'],
                'post_content' => $cmd['content'],
                'post_status' => $cmd['status'] ?? 'publish',
                'post_date' => $cmd['date'],  // site-local time
                'post_category' => $cmd['categories'] ?? [],
                'post_author' => 1,
            ], true);
            $out[] = is_wp_error($id) ? $id->get_error_message() : $id;
            break;
        case 'update':
            $fields = ['ID' => $cmd['id']];
            foreach (['title' => 'post_title', 'content' => 'post_content'] as $k => $f) {
                if (isset($cmd[$k])) { $fields[$f] = $cmd[$k]; }
            }
            $out[] = wp_update_post($fields, true);
            break;
        case 'schedule':  // what the editor does: a draft updated to `future`, some time ahead
            $when = wp_date('Y-m-d H:i:s', time() + $cmd['ahead']);  // site-local time
            $out[] = wp_update_post(['ID' => $cmd['id'], 'post_status' => 'future',
                'post_date' => $when, 'post_date_gmt' => get_gmt_from_date($when),
                'edit_date' => true], true);
            break;
        case 'publish':  // what WordPress' cron does when a scheduled post's time comes
            wp_publish_post($cmd['id']);
            $out[] = get_post_status($cmd['id']);
            break;
        case 'get':
            $p = get_post($cmd['id']);
            $out[] = ['status' => $p->post_status, 'date_gmt' => $p->post_date_gmt,
                'modified_gmt' => $p->post_modified_gmt];
            break;
        case 'trash':
            $out[] = (bool) wp_trash_post($cmd['id']);
            break;
        case 'raw_content':  // straight into the table, past kses and every filter
            global $wpdb;
            $out[] = $wpdb->update($wpdb->posts, ['post_content' => $cmd['content'],
                'post_modified' => current_time('mysql'), 'post_modified_gmt' => current_time('mysql', true)],
                ['ID' => $cmd['id']]);
            clean_post_cache($cmd['id']);
            break;
    }
}
echo json_encode($out);
