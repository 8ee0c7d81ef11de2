import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { fetchUser, searchUsers } from './api.ts';

/**
 * Picks one person by searching GET /users as the user types (debounced). A value that is not
 * among the results (one read from a shared link) is looked up by id, so it shows a name.
 */
export function AgentPicker({
  value,
  onChange,
  placeholder,
  testId = 'interactions-agent',
}: {
  value: number | undefined;
  onChange: (id: number | undefined) => void;
  placeholder: string;
  testId?: string;
}) {
  const [options, setOptions] = useState<TUser[]>([]);
  const [chosen, setChosen] = useState<TUser | null>(null);
  const [loading, setLoading] = useState(false);
  const [term, setTerm] = useState('');
  const ticket = useRef(0);

  useEffect(() => {
    const mine = ++ticket.current;
    const timer = setTimeout(() => {
      setLoading(true);
      searchUsers(term)
        .then((users) => {
          if (mine === ticket.current) setOptions(users);
        })
        .catch(() => {
          if (mine === ticket.current) setOptions([]);
        })
        .finally(() => {
          if (mine === ticket.current) setLoading(false);
        });
    }, 250);
    return () => clearTimeout(timer);
  }, [term]);

  const known = value === undefined || chosen?.id === value || options.some((u) => u.id === value);
  useEffect(() => {
    if (known || value === undefined) return;
    let current = true;
    fetchUser(value)
      .then((u) => {
        if (current) setChosen(u);
      })
      .catch(() => undefined); // unknown or hidden: the id stays as it is
    return () => {
      current = false;
    };
  }, [known, value]);

  const shown = chosen && chosen.id === value && !options.some((u) => u.id === chosen.id) ? [chosen] : [];
  return (
    <Select<number | undefined>
      allowClear
      showSearch={{ filterOption: false, onSearch: setTerm }}
      placeholder={placeholder}
      value={value}
      loading={loading}
      onChange={(id) => {
        setChosen(options.find((u) => u.id === id) ?? null);
        onChange(id);
      }}
      options={[...shown, ...options].map((u) => ({
        value: u.id,
        label: `${u.display_name} (${u.username})`,
      }))}
      style={{ width: 200 }}
      data-testid={testId}
    />
  );
}
