import {createElement, Fragment, type ReactNode} from 'react';

/**
 * Text with elements inside it (a bold address, a link) as one node. A catalog
 * message takes the elements as arguments and places them, so a translation
 * can put them wherever its word order needs them.
 */
export const rich = (...parts: ReactNode[]): ReactNode => createElement(Fragment, null, ...parts);
