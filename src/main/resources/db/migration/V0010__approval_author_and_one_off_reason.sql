-- Who wrote a bulletin's current content, so the approval can be refused to its author. created_by
-- already names who created it; edited_by names who last changed the content (NULL: nobody since it
-- was created, as in every row older than this column).
ALTER TABLE bulletin ADD COLUMN edited_by TEXT;

-- Why a one-off was ordered: required for an emergency, optional otherwise; NULL in older rows.
ALTER TABLE one_off ADD COLUMN reason TEXT CHECK (reason IS NULL OR length(reason) <= 1000);
