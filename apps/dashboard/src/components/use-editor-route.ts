import { useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list page's editor in the URL (`?edit=<id>`, `?edit=new`), so that it survives a reload and Back closes
 * it; and the notice shown once it closes after a save.
 */
export function useEditorRoute() {
  const [params, setParams] = useSearchParams();
  const [notice, setNotice] = useState<string | null>(null);
  return {
    editing: params.get('edit'),
    notice,
    open(edit: string | null) {
      setNotice(null);
      setParams(edit ? { edit } : {});
    },
    closeWith(message: string) {
      setParams({});
      setNotice(message);
    },
  };
}
