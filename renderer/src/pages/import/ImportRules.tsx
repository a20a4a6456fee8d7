// LEGACY.md's import rules, in brief, so nobody has to wonder what happens to
// an odd row before they start. Keep in step with its "Import rules" section.
export function ImportRules() {
  return (
    <div className="import-rules">
      <p>Spending imports into the store in use and accounts for every row of the old database:</p>
      <ul>
        <li>
          The old database is only read. The store in use is backed up, and the old database copied, before anything
          else.
        </li>
        <li>Ids are kept, so matches and refunds still point at the same transactions.</li>
        <li>
          Fixable fields are fixed and their originals recorded: DD/MM/YYYY dates become ISO, float artefacts are
          rounded to the penny, links to missing rows and invalid Huququllah values are left empty.
        </li>
        <li>
          Rows that cannot be valid (an unreadable date, an amount that is not a number or out of range, a required link
          to a missing row) are quarantined with their reason and original values.
        </li>
        <li>
          Money is exact to the penny, text byte for byte. Default categories are merged by name; columns and tables
          Spending has no place for are kept as JSON.
        </li>
        <li>
          All or nothing: an error or Cancel leaves the store as it was. The same import again changes nothing; a store
          holding other data is replaced only if you say so.
        </li>
      </ul>
    </div>
  );
}
