/*
 * A rule's id as the pages show it (issue 18, "rule ids not in running prose"): a small code tag
 * beside the sentence that applies the rule, never inside it, so that the sentence reads in the
 * page's language and whoever knows the rule book still finds the rule.
 */

export function RuleTags(props: { rules: readonly string[] }): JSX.Element {
  return (
    <>
      {props.rules.map((rule, index) => (
        <>
          {index > 0 ? ' ' : ''}
          <code class="rule-id" safe>
            {rule}
          </code>
        </>
      ))}
    </>
  );
}
