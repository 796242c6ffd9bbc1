-- Live classroom runs: a join code, what students chose to show, and the event log that
-- projector views replay after a reconnect. Everything goes when the run is deleted or expires.
create table classes (
	code text primary key,
	admin_hash text not null,
	title text,
	locked boolean not null default false,
	top_n integer not null default 0,
	max_participants integer not null,
	started_at timestamptz,
	ended_at timestamptz,
	created_at timestamptz not null default now(),
	expires_at timestamptz not null
);
create index classes_expires on classes (expires_at);

create table participants (
	class_code text not null references classes (code) on delete cascade,
	id uuid not null,
	token_hash text not null,
	nickname text not null,
	status text not null default 'joined',
	removed boolean not null default false,
	summary jsonb,
	joined_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	primary key (class_code, id)
);

create table class_events (
	class_code text not null references classes (code) on delete cascade,
	seq bigserial,
	type text not null,
	payload jsonb not null,
	at timestamptz not null default now(),
	primary key (class_code, seq)
);
