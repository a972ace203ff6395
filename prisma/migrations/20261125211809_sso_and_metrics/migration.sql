-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'metrics';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "oidcIssuer" TEXT,
ADD COLUMN     "oidcSubject" TEXT;

-- CreateTable
CREATE TABLE "MetricCounter" (
    "name" TEXT NOT NULL,
    "labelKey" TEXT NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "value" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "MetricCounter_pkey" PRIMARY KEY ("name","labelKey")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcIssuer_oidcSubject_key" ON "User"("oidcIssuer", "oidcSubject");


-- Counters for /metrics that the tables themselves know best: whichever process
-- (web, any worker, or a collector's report) finishes a test transmission or
-- tries a delivery, the row it writes counts it, in the same transaction.
CREATE FUNCTION lifeline_count_metric(metric TEXT, label_key TEXT, label_values JSONB) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "MetricCounter" (name, "labelKey", labels, value)
  VALUES (metric, label_key, label_values, 1)
  ON CONFLICT (name, "labelKey") DO UPDATE SET value = "MetricCounter".value + 1
$$;

CREATE FUNCTION lifeline_count_test_transmission() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status::text IN ('passed', 'failed', 'error')
     AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status) THEN
    PERFORM lifeline_count_metric('lifeline_test_transmissions_total',
      'result="' || NEW.status::text || '"', jsonb_build_object('result', NEW.status::text));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "TestTransmission_count_result"
AFTER INSERT OR UPDATE OF status ON "TestTransmission"
FOR EACH ROW EXECUTE FUNCTION lifeline_count_test_transmission();

CREATE FUNCTION lifeline_count_delivery_attempt() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  channel_type TEXT;
  result TEXT := CASE WHEN NEW.ok THEN 'delivered' ELSE 'failed' END;
BEGIN
  SELECT c.type::text INTO channel_type
  FROM "AlertMessage" m JOIN "AlertChannel" c ON c.id = m."channelId"
  WHERE m.id = NEW."messageId";
  channel_type := coalesce(channel_type, 'unknown');
  PERFORM lifeline_count_metric('lifeline_alert_delivery_attempts_total',
    'channel_type="' || channel_type || '",result="' || result || '"',
    jsonb_build_object('channel_type', channel_type, 'result', result));
  RETURN NULL;
END
$$;

CREATE TRIGGER "AlertDeliveryAttempt_count"
AFTER INSERT ON "AlertDeliveryAttempt"
FOR EACH ROW EXECUTE FUNCTION lifeline_count_delivery_attempt();
