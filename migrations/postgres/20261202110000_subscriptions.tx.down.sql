DROP TABLE IF EXISTS subscription_events;

--bun:split

DROP TABLE IF EXISTS subscriptions;
