/** A documented export: the self-check must not report it. */
export const documentedOnPurpose = 1;

export const undocumentedOnPurpose = 2;
