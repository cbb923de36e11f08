-- The allowed status moves, per direction: the same rows as the code's AllowedTransition (a test compares
-- them). A trigger refuses any other status change, whoever writes it, so the ledger's rules hold even for
-- SQL written by hand. A row with no from_status is the status a payment is first recorded in. Payouts
-- (app_to_user) add their rows in their own migration; until then no payout can be written.
CREATE TABLE payment_transition (
    direction    VARCHAR(16) NOT NULL,
    from_status  VARCHAR(16),
    to_status    VARCHAR(16) NOT NULL
);

CREATE UNIQUE INDEX payment_transition_key ON payment_transition (direction, COALESCE(from_status, ''), to_status);

INSERT INTO payment_transition (direction, from_status, to_status) VALUES
    ('user_to_app', NULL,       'CREATED'),
    ('user_to_app', 'CREATED',  'APPROVED'),
    ('user_to_app', 'CREATED',  'REJECTED'),
    ('user_to_app', 'CREATED',  'CANCELLED'),
    ('user_to_app', 'CREATED',  'COMPLETED'),
    ('user_to_app', 'APPROVED', 'COMPLETED'),
    ('user_to_app', 'APPROVED', 'CANCELLED'),
    ('user_to_app', 'APPROVED', 'FAILED');

-- Pi's records from before 2022 carry no direction; the handshake stored them as 'unknown' and handled them
-- as User-to-App payments, which is what they are recorded as from now on.
UPDATE payment SET direction = 'user_to_app' WHERE direction NOT IN ('user_to_app', 'app_to_user');

-- Statuses are now known per direction, through payment_transition.
ALTER TABLE payment DROP CONSTRAINT payment_status_known;

-- An insert needs a status its direction has: not necessarily the first one, so that fixtures and one-off
-- imports can load payments that are further along. Every status change after that is checked against the
-- table, and a payment never changes direction (its moves would change with it).
CREATE FUNCTION payment_status_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT 1 FROM payment_transition
                       WHERE direction = NEW.direction AND (to_status = NEW.status OR from_status = NEW.status)) THEN
            RAISE EXCEPTION 'payment %: % is not a status of % payments', NEW.pi_payment_id, NEW.status,
                NEW.direction USING ERRCODE = 'check_violation';
        END IF;
    ELSIF NEW.direction IS DISTINCT FROM OLD.direction THEN
        RAISE EXCEPTION 'payment %: its direction cannot change (% -> %)', NEW.pi_payment_id, OLD.direction,
            NEW.direction USING ERRCODE = 'check_violation';
    ELSIF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
            SELECT 1 FROM payment_transition
            WHERE direction = NEW.direction AND from_status = OLD.status AND to_status = NEW.status) THEN
        RAISE EXCEPTION 'payment %: % -> % is not an allowed move for % payments', NEW.pi_payment_id, OLD.status,
            NEW.status, NEW.direction USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER payment_status_guard BEFORE INSERT OR UPDATE OF status, direction ON payment
    FOR EACH ROW EXECUTE FUNCTION payment_status_guard();
