-- The community website: only what a student opted in to send. No names, no e-mail, no IP addresses.

-- A device that opted in: its anonymous id and the SHA-256 of its secret token (never the token).
create table devices (
	anonymous_id uuid primary key,
	token_hash text not null,
	consent_version text not null,
	consented_at timestamptz not null,
	registered_at timestamptz not null default now()
);

-- The profile fields the student filled in, flattened for statistics.
create table profiles (
	anonymous_id uuid primary key references devices (anonymous_id) on delete cascade,
	country text,
	institution text,
	course_type text,
	experience_level text,
	cohort text,
	modules_completed integer not null default 0,
	milestones_passed integer not null default 0,
	capstone_score real,
	best_accuracy real,
	level text not null,
	updated_at timestamptz not null,
	body jsonb not null
);
create index profiles_cohort on profiles (cohort);

-- Results and submissions keep the client's own id: a replay of the same id is a no-op,
-- the same id with a different payload is a conflict (payload_hash tells them apart).
create table results (
	anonymous_id uuid not null references devices (anonymous_id) on delete cascade,
	id uuid not null,
	payload_hash text not null,
	suite text not null,
	started_at timestamptz not null,
	received_at timestamptz not null default now(),
	body jsonb not null,
	primary key (anonymous_id, id)
);

-- One row per (result, backend) that produced a score: what the distributions read.
create table result_points (
	anonymous_id uuid not null,
	result_id uuid not null,
	backend text not null,
	score integer not null,
	matmul_gflops real,
	primary key (anonymous_id, result_id, backend),
	foreign key (anonymous_id, result_id) references results (anonymous_id, id) on delete cascade
);
create index result_points_backend on result_points (backend);

create table submissions (
	anonymous_id uuid not null references devices (anonymous_id) on delete cascade,
	id text not null,
	payload_hash text not null,
	kind text not null,
	received_at timestamptz not null default now(),
	body jsonb not null,
	primary key (anonymous_id, id)
);

-- Deleted devices: the hash of the id and when. Later writes for it get 410 Gone.
create table tombstones (
	id_hash text primary key,
	deleted_at timestamptz not null default now()
);
