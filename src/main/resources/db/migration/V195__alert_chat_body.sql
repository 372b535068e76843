-- The short text of an alert for chat channels (Slack, Teams, Telegram): subject, facts and links, without the
-- email's advice paragraphs and its "automatic email, do not reply" footer (docs/ALERTS.md, "Channels").
-- Null on rows written before this migration and on alerts that never go to a chat (report mails): the sender
-- then uses the subject and the email text without its footer.
ALTER TABLE alert_outbox ADD COLUMN chat_body text;
