import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { searchUsers } from './api.ts';

/** Picks one person by searching GET /users as the user types (debounced). */
export function AgentPicker({
  value,
  onChange,
  placeholder,
}: {
  value: number | undefined;
  onChange: (id: number | undefined) => void;
  placeholder: string;
}) {
  const [options, setOptions] = useState<TUser[]>([]);
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

  return (
    <Select<number | undefined>
      allowClear
      showSearch={{ filterOption: false, onSearch: setTerm }}
      placeholder={placeholder}
      value={value}
      loading={loading}
      onChange={(id) => onChange(id)}
      options={options.map((u) => ({ value: u.id, label: `${u.display_name} (${u.username})` }))}
      style={{ width: 200 }}
      data-testid="interactions-agent"
    />
  );
}
