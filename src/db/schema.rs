// The tables of migrations/, as diesel sees them. Kept by hand (diesel print-schema gives the
// same); `tests/api/migrations.rs` checks every table and column here against the database.

diesel::table! {
    organizations (id) {
        id -> Integer,
        slug -> Text,
        name -> Text,
        country -> Text,
        website -> Nullable<Text>,
        profile -> Text,
        logo_image_id -> Nullable<Integer>,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Integer,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        organization_id -> Nullable<Integer>,
        must_change_password -> Bool,
        active -> Bool,
        created_at -> Timestamp,
        last_login_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Nullable<Integer>,
        state -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> Integer,
        email -> Text,
        client_ip -> Text,
        succeeded -> Bool,
        attempted_at -> Timestamp,
    }
}

diesel::table! {
    categories (id) {
        id -> Integer,
        slug -> Text,
        name -> Text,
        description -> Text,
        position -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    pages (id) {
        id -> Integer,
        slug -> Text,
        title -> Text,
        body -> Text,
        language -> Text,
        position -> Integer,
        updated_at -> Timestamp,
        updated_by -> Nullable<Integer>,
    }
}

diesel::table! {
    activities (id) {
        id -> Integer,
        slug -> Text,
        organization_id -> Integer,
        current_revision_id -> Nullable<Integer>,
        live_revision_id -> Nullable<Integer>,
        published_at -> Nullable<Timestamp>,
        created_by -> Nullable<Integer>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        translation_of -> Nullable<Integer>,
    }
}

diesel::table! {
    activity_revisions (id) {
        id -> Integer,
        activity_id -> Integer,
        number -> Integer,
        state -> Text,
        title -> Text,
        summary -> Text,
        body -> Text,
        body_html -> Text,
        event_start -> Nullable<Date>,
        event_end -> Nullable<Date>,
        location -> Text,
        language -> Text,
        publish_at -> Nullable<Timestamp>,
        photo_consent -> Bool,
        created_by -> Nullable<Integer>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        submitted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    revision_categories (revision_id, category_id) {
        revision_id -> Integer,
        category_id -> Integer,
    }
}

diesel::table! {
    revision_partners (revision_id, organization_id) {
        revision_id -> Integer,
        organization_id -> Integer,
    }
}

diesel::table! {
    revision_links (id) {
        id -> Integer,
        revision_id -> Integer,
        position -> Integer,
        url -> Text,
        title -> Text,
    }
}

diesel::table! {
    stored_images (id) {
        id -> Integer,
        sha256 -> Text,
        width -> Integer,
        height -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    image_variants (id) {
        id -> Integer,
        image_id -> Integer,
        format -> Text,
        width -> Integer,
        height -> Integer,
        byte_size -> BigInt,
        path -> Text,
    }
}

diesel::table! {
    photos (id) {
        id -> Integer,
        revision_id -> Integer,
        image_id -> Integer,
        position -> Integer,
        alt -> Text,
        caption -> Text,
        decorative -> Bool,
        original_name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    stored_files (id) {
        id -> Integer,
        sha256 -> Text,
        media_type -> Text,
        byte_size -> BigInt,
        path -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    attachments (id) {
        id -> Integer,
        revision_id -> Integer,
        file_id -> Integer,
        position -> Integer,
        title -> Text,
        language -> Text,
        file_name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    moderation_events (id) {
        id -> Integer,
        activity_id -> Nullable<Integer>,
        revision_id -> Nullable<Integer>,
        activity_title -> Text,
        actor_id -> Nullable<Integer>,
        action -> Text,
        from_state -> Nullable<Text>,
        to_state -> Nullable<Text>,
        comment -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Integer,
        actor_id -> Nullable<Integer>,
        actor_email -> Text,
        action -> Text,
        target_type -> Text,
        target_id -> Nullable<Integer>,
        detail -> Text,
        client_ip -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Kept by triggers (migrations/*_category_listing): never written by the portal.
    category_listing (id) {
        id -> Integer,
        category_id -> Integer,
        activity_id -> Integer,
        published_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Counted up by triggers (migrations/*_public_changes) whenever public content changes.
    public_changes (id) {
        id -> Integer,
        generation -> BigInt,
    }
}

diesel::joinable!(users -> organizations (organization_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(activities -> organizations (organization_id));
diesel::joinable!(activity_revisions -> activities (activity_id));
diesel::joinable!(revision_categories -> activity_revisions (revision_id));
diesel::joinable!(revision_categories -> categories (category_id));
diesel::joinable!(revision_partners -> activity_revisions (revision_id));
diesel::joinable!(revision_partners -> organizations (organization_id));
diesel::joinable!(revision_links -> activity_revisions (revision_id));
diesel::joinable!(image_variants -> stored_images (image_id));
diesel::joinable!(photos -> activity_revisions (revision_id));
diesel::joinable!(photos -> stored_images (image_id));
diesel::joinable!(attachments -> activity_revisions (revision_id));
diesel::joinable!(attachments -> stored_files (file_id));
diesel::joinable!(moderation_events -> activity_revisions (revision_id));
diesel::joinable!(category_listing -> categories (category_id));
diesel::joinable!(category_listing -> activities (activity_id));

diesel::allow_tables_to_appear_in_same_query!(
    organizations,
    users,
    sessions,
    login_attempts,
    categories,
    pages,
    activities,
    activity_revisions,
    revision_categories,
    revision_partners,
    revision_links,
    stored_images,
    image_variants,
    photos,
    stored_files,
    attachments,
    moderation_events,
    audit_events,
    category_listing,
    public_changes,
);
