-- The planner's history in the language of the page: each change also says what it did in Thai (ADR 0010). Rows
-- written before this column existed keep only the English summary, which the page shows instead.
ALTER TABLE planner_change ADD COLUMN summary_th text CHECK (summary_th <> '');
