-- Server metadata; feature tables arrive in their own numbered migrations.
create table if not exists server_meta (
	key text primary key,
	value text not null
);
insert into server_meta (key, value) values ('created_at', now()::text) on conflict (key) do nothing;
