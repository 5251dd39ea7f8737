// A real link (<a href>, so it can be opened in a new tab) that looks like a button and moves
// inside the portal without reloading it.
import { Button, type ButtonProps } from 'antd';
import { useNavigate } from 'react-router-dom';

export function LinkButton({ to, ...props }: Omit<ButtonProps, 'href' | 'onClick'> & { to: string }) {
  const navigate = useNavigate();
  return (
    <Button
      {...props}
      href={to}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    />
  );
}
