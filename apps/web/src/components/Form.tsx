import { forwardRef } from 'react';

/**
 * A <form> that leaves validation to the app: errors are shown as text next to each field and
 * announced, instead of the browser's bubbles (which screen readers handle unevenly).
 */
export const Form = forwardRef<HTMLFormElement, React.FormHTMLAttributes<HTMLFormElement>>(
  function Form(props, ref) {
    return <form noValidate ref={ref} {...props} />;
  },
);
