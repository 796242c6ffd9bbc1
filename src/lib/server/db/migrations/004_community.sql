-- Learning together: cohorts, study partners, "helped me" and monthly challenges.
-- Every row that belongs to a device goes with it (on delete cascade), so leaving deletes it all.

-- What each device agreed to, per purpose: 'sync' (profile, results, submissions, cohorts,
-- challenges) and 'partners' (study-partner matching). A device registers with one of them and
-- can add the other later with the same token; each keeps the version of the text and the time.
create table device_consents (
	anonymous_id uuid not null references devices (anonymous_id) on delete cascade,
	scope text not null check (scope in ('sync', 'partners')),
	version text not null,
	agreed_at timestamptz not null,
	primary key (anonymous_id, scope)
);
-- Every device registered before this migration opted in to sync.
insert into device_consents (anonymous_id, scope, version, agreed_at) select anonymous_id, 'sync', consent_version, consented_at from devices;

-- A cohort someone (an instructor, a study group) created; students join with its code.
-- The organiser holds a token; the server keeps its SHA-256.
create table cohorts (
	code text primary key,
	admin_hash text not null,
	title text not null,
	created_at timestamptz not null default now(),
	expires_at timestamptz not null
);
create index cohorts_expires on cohorts (expires_at);

-- One cohort per device at a time.
create table cohort_members (
	anonymous_id uuid primary key references devices (anonymous_id) on delete cascade,
	cohort_code text not null references cohorts (code) on delete cascade,
	joined_at timestamptz not null default now()
);
create index cohort_members_code on cohort_members (cohort_code);

-- Progress per device and week (Monday, UTC), kept by a trigger on profiles: what the
-- organiser's "modules completed over time" reads. The profile table holds only the latest.
create table progress_weeks (
	anonymous_id uuid not null references devices (anonymous_id) on delete cascade,
	week date not null,
	modules_completed integer not null,
	milestones_passed integer not null,
	primary key (anonymous_id, week)
);

create function record_progress_week() returns trigger language plpgsql as $$
begin
	-- A client clock in the future must not invent activity next month.
	insert into progress_weeks (anonymous_id, week, modules_completed, milestones_passed)
	values (new.anonymous_id, date_trunc('week', least(new.updated_at, now()) at time zone 'UTC')::date, new.modules_completed, new.milestones_passed)
	on conflict (anonymous_id, week) do update set modules_completed = excluded.modules_completed, milestones_passed = excluded.milestones_passed;
	return null;
end $$;
create trigger profiles_progress_week after insert or update on profiles for each row execute function record_progress_week();
-- Profiles stored before this migration start their history in the week they were last updated.
insert into progress_weeks (anonymous_id, week, modules_completed, milestones_passed)
select anonymous_id, date_trunc('week', least(updated_at, now()) at time zone 'UTC')::date, modules_completed, milestones_passed from profiles;

-- Study partners: what the student chose to show a partner (nickname, contact handle) and what
-- matching needs (language, UTC offset in hours, level). `seeking`: waiting in the pool.
create table partner_profiles (
	anonymous_id uuid primary key references devices (anonymous_id) on delete cascade,
	nickname text not null,
	contact text not null,
	language text not null,
	utc_offset integer not null,
	level text not null,
	seeking boolean not null,
	seeking_until timestamptz,
	updated_at timestamptz not null default now()
);
create index partner_profiles_pool on partner_profiles (language, utc_offset) where seeking;

-- A pair, stored with a < b so a pair is matched at most once (the row stays, ended, so the
-- same two are never matched again; ended rows go after a retention period).
create table partner_matches (
	id uuid primary key,
	a uuid not null references devices (anonymous_id) on delete cascade,
	b uuid not null references devices (anonymous_id) on delete cascade,
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	ended_at timestamptz,
	ended_reason text check (ended_reason in ('ended', 'expired')),
	check (a < b),
	unique (a, b)
);
create index partner_matches_b on partner_matches (b);

create table partner_blocks (
	blocker uuid not null references devices (anonymous_id) on delete cascade,
	blocked uuid not null references devices (anonymous_id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (blocker, blocked)
);
create index partner_blocks_blocked on partner_blocks (blocked);

-- A report also blocks. Enough reports from different students pause the reported device's matching.
create table partner_reports (
	reporter uuid not null references devices (anonymous_id) on delete cascade,
	reported uuid not null references devices (anonymous_id) on delete cascade,
	reason text not null,
	created_at timestamptz not null default now(),
	primary key (reporter, reported)
);
create index partner_reports_reported on partner_reports (reported);

-- "Helped me": one per match and giver; only the receiver ever sees the count.
create table helped_marks (
	match_id uuid not null,
	giver uuid not null references devices (anonymous_id) on delete cascade,
	receiver uuid not null references devices (anonymous_id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (match_id, giver)
);
create index helped_marks_receiver on helped_marks (receiver);

-- Monthly challenges (Torch Olympics events), defined by a cohort's organiser (cohort_code) or
-- by the site admin (cohort_code null: open to everyone who syncs).
create table challenges (
	id uuid primary key,
	cohort_code text references cohorts (code) on delete cascade,
	title text not null,
	event text not null check (event in ('latency_sprint', 'memory_challenge', 'accuracy_contest', 'all_around')),
	division text not null check (division in ('closed', 'open')),
	starts_at timestamptz not null,
	ends_at timestamptz not null,
	created_at timestamptz not null default now(),
	check (ends_at > starts_at)
);
create index challenges_cohort on challenges (cohort_code);

-- One entry per device and challenge (a new submission replaces it). `nickname` is stored only
-- when the student chose to appear in their neighbours' view.
create table challenge_entries (
	challenge_id uuid not null references challenges (id) on delete cascade,
	anonymous_id uuid not null references devices (anonymous_id) on delete cascade,
	value double precision not null,
	nickname text,
	submitted_at timestamptz not null default now(),
	body jsonb not null,
	primary key (challenge_id, anonymous_id)
);
create index challenge_entries_value on challenge_entries (challenge_id, value);
